//! Finding a value in a results file: a JSON pointer (RFC 6901) whose
//! segments may also pick an array element by one of its fields.
//!
//! `/runs/2/test_accuracy` is the third run's accuracy;
//! `/runs/[config.cell=gru]/test_accuracy` is the accuracy of the one run
//! whose `config.cell` is `gru` (exactly one must match). A selector is
//! sturdier than an index when a program records its runs in another order.
//! Several conditions joined by `&` must all hold:
//! `/runs/[decoder=Plain&run.config.hidden=64]/run/final_exact_match`.

use serde_json::Value;

/// The value at `pointer` in `json`, or an error naming the first segment
/// that does not match and what is there instead.
pub fn lookup(json: &Value, pointer: &str) -> Result<Value, String> {
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err(format!(
            "`{pointer}` is not a pointer: it must start with `/`"
        ));
    };
    let mut here = json;
    let mut walked = String::new();
    for raw in rest.split('/') {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        here = step(here, &segment)
            .map_err(|why| format!("no {walked}/{raw} (in {pointer}): {why}"))?;
        walked.push('/');
        walked.push_str(raw);
    }
    Ok(here.clone())
}

/// One segment: an object's key, an array's index, or `[key=value]`.
fn step<'v>(here: &'v Value, segment: &str) -> Result<&'v Value, String> {
    if let Some(selector) = segment.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        return select(here, selector);
    }
    match here {
        Value::Object(map) => map.get(segment).ok_or_else(|| {
            let keys: Vec<&str> = map.keys().map(String::as_str).take(12).collect();
            format!("the keys there are {}", keys.join(", "))
        }),
        Value::Array(items) => segment
            .parse::<usize>()
            .ok()
            .and_then(|i| items.get(i))
            .ok_or_else(|| format!("the array there has {} items", items.len())),
        other => Err(format!(
            "the value there is {other}, not an object or array"
        )),
    }
}

/// The one element of an array whose fields (dotted paths) equal the
/// values of every `key=value` condition of `selector` (joined by `&`).
fn select<'v>(here: &'v Value, selector: &str) -> Result<&'v Value, String> {
    let conditions: Vec<(&str, &str)> = selector
        .split('&')
        .map(|c| c.split_once('='))
        .collect::<Option<_>>()
        .ok_or_else(|| {
            format!("`[{selector}]` is not a selector: write `[key=value]` or `[key=value&key=value]`")
        })?;
    let Value::Array(items) = here else {
        return Err("a selector needs an array there".to_owned());
    };
    let holds = |item: &Value| {
        conditions
            .iter()
            .all(|(key, wanted)| field(item, key).is_some_and(|v| same(v, wanted)))
    };
    let matches: Vec<&Value> = items.iter().filter(|item| holds(item)).collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => {
            let seen: Vec<String> = items
                .iter()
                .map(|item| {
                    let fields: Vec<String> = conditions
                        .iter()
                        .map(|(key, _)| field(item, key).map_or("(none)".to_owned(), show))
                        .collect();
                    fields.join("&")
                })
                .collect();
            Err(format!(
                "no element has {selector}; they have {}",
                seen.join(", ")
            ))
        }
        many => Err(format!("{} elements have {selector}", many.len())),
    }
}

/// The value at a dotted path below `item`.
fn field<'v>(item: &'v Value, dotted: &str) -> Option<&'v Value> {
    dotted.split('.').try_fold(item, |v, k| v.get(k))
}

/// A string compares as itself, anything else as its JSON text.
fn same(value: &Value, wanted: &str) -> bool {
    show(value) == wanted
}

fn show(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Value {
        serde_json::json!({
            "runs": [
                {"config": {"cell": "lstm", "h": 100}, "acc": 0.81},
                {"config": {"cell": "gru", "h": 100}, "acc": 0.82},
                {"config": {"cell": "gru", "h": 50}, "acc": 0.79}
            ],
            "a/b": 1
        })
    }

    #[test]
    fn indices_keys_and_selectors_find_values() {
        let j = sample();
        assert_eq!(lookup(&j, "/runs/1/acc").unwrap(), 0.82);
        assert_eq!(lookup(&j, "/runs/[config.cell=lstm]/acc").unwrap(), 0.81);
        assert_eq!(lookup(&j, "/runs/[config.h=50]/acc").unwrap(), 0.79);
        assert_eq!(lookup(&j, "/a~1b").unwrap(), 1);
    }

    #[test]
    fn a_selector_must_match_exactly_one_element() {
        let j = sample();
        let none = lookup(&j, "/runs/[config.cell=rnn]/acc").unwrap_err();
        assert!(none.contains("they have lstm, gru, gru"), "{none}");
        let two = lookup(&j, "/runs/[config.cell=gru]/acc").unwrap_err();
        assert!(two.contains("2 elements"), "{two}");
    }

    #[test]
    fn conditions_joined_by_ampersands_must_all_hold() {
        let j = sample();
        let both = "/runs/[config.cell=gru&config.h=50]/acc";
        assert_eq!(lookup(&j, both).unwrap(), 0.79);
        let none = lookup(&j, "/runs/[config.cell=gru&config.h=7]/acc").unwrap_err();
        assert!(none.contains("they have lstm&"), "{none}");
        let broken = lookup(&j, "/runs/[config.cell=gru&h]/acc").unwrap_err();
        assert!(broken.contains("not a selector"), "{broken}");
    }

    #[test]
    fn a_missing_key_names_where_the_walk_stopped() {
        let j = sample();
        let e = lookup(&j, "/runs/0/loss").unwrap_err();
        assert!(e.starts_with("no /runs/0/loss"), "{e}");
        assert!(
            e.contains("config, acc") || e.contains("acc, config"),
            "{e}"
        );
        assert!(lookup(&j, "/runs/9").unwrap_err().contains("3 items"));
        assert!(lookup(&j, "runs").is_err());
    }
}
