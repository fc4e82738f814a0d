//! The crate's modules form layers: no module imports, directly or through
//! others, a module that imports it back, and the lowest stages import only
//! what is below them.
//!
//! A module is a file or folder directly in `src/`; it depends on another
//! when its code (outside comments and `#[cfg(test)]` modules) names
//! `crate::other`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each module of `src/` with the modules it names.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: BTreeMap<String, Vec<std::path::PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut stack = vec![path];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(dir).unwrap() {
                    let path = entry.unwrap().path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if path.extension().is_some_and(|ext| ext == "rs") {
                        files.entry(name.clone()).or_default().push(path);
                    }
                }
            }
        } else if path.extension().is_some_and(|ext| ext == "rs") && name != "lib" {
            files.entry(name).or_default().push(path);
        }
    }
    let modules: BTreeSet<String> = files.keys().cloned().collect();
    files
        .iter()
        .map(|(module, paths)| {
            let mut named = BTreeSet::new();
            for path in paths {
                let text = std::fs::read_to_string(path).unwrap();
                for line in text.lines() {
                    let line = line.trim();
                    if line.starts_with("#[cfg(test)]") {
                        break;
                    }
                    if line.starts_with("//") {
                        continue;
                    }
                    for (at, _) in line.match_indices("crate::") {
                        let rest = &line[at + "crate::".len()..];
                        let names: Vec<&str> = match rest.strip_prefix('{') {
                            Some(group) => group
                                .split([',', '}'])
                                .map(|item| item.trim().split("::").next().unwrap_or(""))
                                .collect(),
                            None => vec![
                                rest.split(|ch: char| !ch.is_alphanumeric() && ch != '_')
                                    .next()
                                    .unwrap_or(""),
                            ],
                        };
                        named.extend(
                            names
                                .into_iter()
                                .filter(|name| modules.contains(*name) && name != module)
                                .map(str::to_owned),
                        );
                    }
                }
            }
            (module.clone(), named)
        })
        .collect()
}

/// Every module `from` reaches through its dependencies.
fn reachable(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = graph[from].iter().map(String::as_str).collect();
    while let Some(module) = stack.pop() {
        if seen.insert(module.to_owned()) {
            stack.extend(graph[module].iter().map(String::as_str));
        }
    }
    seen
}

#[test]
fn no_module_depends_on_itself_through_others() {
    let graph = dependencies();
    assert!(
        graph.contains_key("parse") && graph.contains_key("yaml"),
        "{graph:?}"
    );
    for module in graph.keys() {
        let reached = reachable(&graph, module);
        assert!(
            !reached.contains(module),
            "`{module}` depends on itself through {:?}",
            graph[module]
                .iter()
                .filter(|next| reachable(&graph, next).contains(module))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_lowest_stages_import_only_what_is_below_them() {
    let graph = dependencies();
    let below: [(&str, &[&str]); 5] = [
        ("text", &[]),
        ("span", &[]),
        ("yaml", &["span", "text"]),
        ("diagnostic", &["span"]),
        ("ctxt", &["diagnostic"]),
    ];
    for (module, allowed) in below {
        let extra: Vec<&String> = graph[module]
            .iter()
            .filter(|name| !allowed.contains(&name.as_str()))
            .collect();
        assert!(extra.is_empty(), "`{module}` imports {extra:?}");
    }
}
