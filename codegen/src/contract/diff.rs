//! Classifies every difference between two snapshots of the catalog as
//! breaking or compatible.
//!
//! The rules, and why:
//!
//! - Ids are what clients branch on. Removing a code breaks them, and so does
//!   reusing a retired id for another meaning; both are *forbidden*, even with
//!   a major version bump, because the lock remembers every id ever
//!   published. Renaming a code is compatible only when the old id becomes an
//!   alias of the new code, since clients keep recognising it.
//! - Retiring a code is compatible: the id stays in the catalog and the lock,
//!   clients keep recognising it, and an error that stops occurring never
//!   breaks a client. The changelog says so, so that clients can clean up.
//! - The status, `retryable`, the params' types and where params go on the
//!   wire (details members and headers) are what clients program against:
//!   changing or removing any of them is breaking; adding a member is not.
//! - Params are also the interface of every place that raises a code: adding
//!   a required param, making one required, renaming or removing one breaks
//!   those call sites. Making a required param optional is breaking too,
//!   because clients can no longer count on its value being present.
//! - Some clients match the flat envelope's message. A message template is
//!   compared as its shape: the literal text between placeholders and which
//!   param each placeholder shows. Any change to the literal text (even
//!   whitespace or punctuation), and any placeholder added, removed, reordered
//!   or now showing another param, is breaking. A placeholder that follows its
//!   param's rename keeps the shape, so only the rename is reported. The public
//!   message is meant for people, not for matching: editing it is compatible.
//! - Descriptions, resolutions, deprecations, `since` and the domain a code
//!   is filed under are documentation for clients, never parsed: compatible.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::contract::lock::{Lock, LockedCode, LockedParam};
use crate::emit_docs::markdown::code_span;
use crate::model::{Segment, Template};

/// Whether a change breaks clients or callers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Impact {
    /// Clients or callers written against the old catalog may break.
    Breaking,
    /// Existing clients and callers keep working.
    Compatible,
}

impl Impact {
    /// `"breaking"` or `"compatible"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Compatible => "compatible",
        }
    }
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ChangeKind {
    /// A code is gone (forbidden).
    CodeRemoved,
    /// A code got a new id and the old id is an alias of it.
    CodeRenamed,
    /// A code is new.
    CodeAdded,
    /// A code is now `retired`.
    CodeRetired,
    /// A retired id names a code that is raised again, or an alias (forbidden).
    RetiredIdReused,
    /// A code that was already retired changed; it is never sent.
    RetiredCodeEdited,
    /// The HTTP status changed.
    StatusChanged,
    /// `retryable` changed.
    RetryableChanged,
    /// The shape of the message template changed.
    MessageChanged,
    /// The public message was added, removed or edited.
    PublicMessageChanged,
    /// The code started or stopped carrying field-level messages.
    FieldsChanged,
    /// An alias was added.
    AliasAdded,
    /// An alias was removed.
    AliasRemoved,
    /// A param was added.
    ParamAdded,
    /// A param was removed.
    ParamRemoved,
    /// A param was renamed.
    ParamRenamed,
    /// A param's type changed.
    ParamRetyped,
    /// An optional param became required.
    ParamMadeRequired,
    /// A required param became optional.
    ParamMadeOptional,
    /// A param's details member was added, removed or renamed.
    DetailChanged,
    /// A param's header was added, removed or renamed.
    HeaderChanged,
    /// A param became sensitive or stopped being sensitive.
    SensitivityChanged,
    /// A deprecation was added, removed or edited.
    DeprecationChanged,
    /// Description or resolution text was edited.
    DocsEdited,
    /// The code moved to another domain.
    DomainChanged,
    /// `since` changed.
    SinceChanged,
}

/// One classified change of one code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The code's id (the new id for a rename).
    pub code: String,
    /// What changed.
    pub kind: ChangeKind,
    /// Whether it breaks clients or callers.
    pub impact: Impact,
    /// Whether no version bump allows it: deleting a code or reusing a
    /// retired id.
    pub forbidden: bool,
    /// One Markdown line saying what changed (and, when forbidden, what to do).
    pub summary: String,
}

/// Every change between two snapshots, sorted by code id in detection order.
///
/// # Examples
///
/// ```
/// use codegen::contract::{ChangeKind, Lock, diff};
///
/// let before = r#"
/// domain: auth
/// description: Authentication errors.
/// codes:
///   - id: token_expired
///     status: 401
///     message: "The token expired."
///     resolution: Sign in again.
///     examples:
///       - name: default
/// "#;
/// let after = before.replace("status: 401", "status: 403");
/// let lock = |yaml: &str| {
///     let loaded = codegen::load_sources(vec![("auth.yaml".into(), yaml.into())]);
///     Lock::from_catalog(&loaded.catalog, semver::Version::new(1, 0, 0))
/// };
/// let changes = diff(&lock(before), &lock(&after));
/// assert!(changes.has_breaking());
/// assert_eq!(changes.changes()[0].kind, ChangeKind::StatusChanged);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changelog {
    changes: Vec<Change>,
}

impl Changelog {
    /// Every change, sorted by code id.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// Whether the snapshots have the same contract and documentation.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The breaking changes.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.by_impact(Impact::Breaking)
    }

    /// The compatible changes.
    pub fn compatible(&self) -> impl Iterator<Item = &Change> {
        self.by_impact(Impact::Compatible)
    }

    fn by_impact(&self, impact: Impact) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(move |change| change.impact == impact)
    }

    /// Whether any change is breaking.
    pub fn has_breaking(&self) -> bool {
        self.breaking().next().is_some()
    }

    /// Whether any change is forbidden whatever the version.
    pub fn has_forbidden(&self) -> bool {
        self.changes.iter().any(|change| change.forbidden)
    }
}

/// Compares `old` (usually the lock) with `new` (usually the working tree).
pub fn diff(old: &Lock, new: &Lock) -> Changelog {
    let mut out = Out::default();
    let old_alias_owner = alias_owners(old);
    let new_alias_owner = alias_owners(new);
    for (id, before) in &old.codes {
        if let Some(after) = new.codes.get(id) {
            compare_code(&mut out, (old, new), id, before, after);
            continue;
        }
        let owner = new_alias_owner.get(id.as_str()).copied();
        match (&before.retired, owner) {
            (Some(_), Some(owner)) => out.forbidden(
                owner,
                ChangeKind::RetiredIdReused,
                format!(
                    "the retired id `{id}` is reused as an alias: retired ids are never reused; remove the alias"
                ),
            ),
            (Some(_), None) => out.forbidden(
                id,
                ChangeKind::CodeRemoved,
                "retired code removed: codes are never deleted; keep it with its `retired` entry"
                    .to_owned(),
            ),
            (None, Some(owner)) => {
                if old.codes.contains_key(owner) {
                    out.push(
                        owner,
                        ChangeKind::CodeRenamed,
                        Impact::Compatible,
                        format!("`{id}` merged into this code, and stays an alias"),
                    );
                    // Clients of the merged code now receive this one: what
                    // they observe must not change either.
                    let mut merged = Out::default();
                    compare_code(&mut merged, (old, new), owner, before, &new.codes[owner]);
                    for change in merged.changes {
                        if change.impact == Impact::Breaking {
                            out.changes.push(Change {
                                summary: format!("for clients of `{id}`: {}", change.summary),
                                ..change
                            });
                        }
                    }
                } else {
                    out.push(
                        owner,
                        ChangeKind::CodeRenamed,
                        Impact::Compatible,
                        format!("renamed from `{id}`, which stays an alias"),
                    );
                    compare_code(&mut out, (old, new), owner, before, &new.codes[owner]);
                }
            }
            (None, None) => {
                let hint = renamed_to(id, before, old, new).map_or(String::new(), |target| {
                    format!("; if it was renamed to `{target}`, add `{id}` to its `aliases`")
                });
                out.forbidden(
                    id,
                    ChangeKind::CodeRemoved,
                    format!(
                        "code removed: codes are never deleted: mark it `retired` instead{hint}"
                    ),
                );
            }
        }
    }
    for (id, after) in &new.codes {
        if old.codes.contains_key(id) {
            continue;
        }
        let renamed = after.aliases.iter().any(|alias| {
            old.codes
                .get(alias)
                .is_some_and(|before| before.retired.is_none() && !new.codes.contains_key(alias))
        });
        if renamed {
            continue;
        }
        let was_alias = old_alias_owner
            .get(id.as_str())
            .map_or(String::new(), |owner| {
                format!(" (`{id}` was an alias of `{owner}`)")
            });
        let state = if after.retired.is_some() {
            " as retired"
        } else {
            ""
        };
        out.push(
            id,
            ChangeKind::CodeAdded,
            Impact::Compatible,
            format!(
                "code added{state}: {}, {}{was_alias}",
                after.status,
                code_span(&after.message)
            ),
        );
    }
    let mut changes = out.changes;
    // A stable sort keeps the detection order within a code.
    changes.sort_by(|a, b| a.code.cmp(&b.code));
    Changelog { changes }
}

/// Collects changes.
#[derive(Default)]
struct Out {
    changes: Vec<Change>,
}

impl Out {
    fn push(&mut self, code: &str, kind: ChangeKind, impact: Impact, summary: String) {
        self.changes.push(Change {
            code: code.to_owned(),
            kind,
            impact,
            forbidden: false,
            summary,
        });
    }

    fn forbidden(&mut self, code: &str, kind: ChangeKind, summary: String) {
        self.changes.push(Change {
            code: code.to_owned(),
            kind,
            impact: Impact::Breaking,
            forbidden: true,
            summary,
        });
    }
}

/// Every alias of `lock`, with the id of the code it belongs to.
fn alias_owners(lock: &Lock) -> BTreeMap<&str, &str> {
    lock.codes
        .iter()
        .flat_map(|(id, code)| {
            code.aliases
                .iter()
                .map(move |alias| (alias.as_str(), id.as_str()))
        })
        .collect()
}

/// A new code that looks like `id` under another name: same status and
/// message, and not in `old`.
fn renamed_to<'a>(id: &str, before: &LockedCode, old: &Lock, new: &'a Lock) -> Option<&'a str> {
    new.codes
        .iter()
        .find(|(other, after)| {
            *other != id
                && !old.codes.contains_key(*other)
                && after.status == before.status
                && after.message == before.message
        })
        .map(|(other, _)| other.as_str())
}

/// Compares one code: `before` in the old snapshot with `after`, the code
/// `id` in the new one (`before` has another id when the code was renamed).
fn compare_code(
    out: &mut Out,
    snapshots: (&Lock, &Lock),
    id: &str,
    before: &LockedCode,
    after: &LockedCode,
) {
    if before.retired.is_some() {
        if after.retired.is_none() {
            out.forbidden(
                id,
                ChangeKind::RetiredIdReused,
                "the retired code is raised again: retired ids are never reused; add a new code instead".to_owned(),
            );
        } else if before != after {
            out.push(
                id,
                ChangeKind::RetiredCodeEdited,
                Impact::Compatible,
                "retired code edited (it is never sent, so clients are not affected)".to_owned(),
            );
        }
        return;
    }
    if let Some(retirement) = &after.retired {
        out.push(
            id,
            ChangeKind::CodeRetired,
            Impact::Compatible,
            format!(
                "retired in {}: no longer raised; clients keep recognising it and may stop handling it ({})",
                retirement.since, retirement.note
            ),
        );
        return;
    }
    if before.domain != after.domain {
        out.push(
            id,
            ChangeKind::DomainChanged,
            Impact::Compatible,
            format!(
                "moved from domain `{}` to `{}` (the wire is unchanged; the generated Rust enum changes)",
                before.domain, after.domain
            ),
        );
    }
    if before.status != after.status {
        out.push(
            id,
            ChangeKind::StatusChanged,
            Impact::Breaking,
            format!("status changed from {} to {}", before.status, after.status),
        );
    }
    if before.retryable != after.retryable {
        out.push(
            id,
            ChangeKind::RetryableChanged,
            Impact::Breaking,
            format!(
                "`retryable` changed from {} to {}",
                before.retryable, after.retryable
            ),
        );
    }
    match (before.fields, after.fields) {
        (true, false) => out.push(
            id,
            ChangeKind::FieldsChanged,
            Impact::Breaking,
            "no longer carries field-level messages (`fields`)".to_owned(),
        ),
        (false, true) => out.push(
            id,
            ChangeKind::FieldsChanged,
            Impact::Compatible,
            "now carries field-level messages (`fields`)".to_owned(),
        ),
        _ => {}
    }
    compare_aliases(out, snapshots, id, before, after);
    let renames = compare_params(out, id, &before.params, &after.params);
    compare_messages(out, id, before, after, &renames);
    compare_deprecations(out, id, before, after);
    compare_docs(out, id, before, after);
    if before.since != after.since {
        out.push(
            id,
            ChangeKind::SinceChanged,
            Impact::Compatible,
            format!(
                "`since` changed from {} to {}",
                shown_option(before.since.as_deref()),
                shown_option(after.since.as_deref())
            ),
        );
    }
}

fn compare_aliases(
    out: &mut Out,
    (old_lock, new_lock): (&Lock, &Lock),
    id: &str,
    before: &LockedCode,
    after: &LockedCode,
) {
    let old: BTreeSet<&str> = before.aliases.iter().map(String::as_str).collect();
    let new: BTreeSet<&str> = after.aliases.iter().map(String::as_str).collect();
    for alias in old.difference(&new) {
        out.push(
            id,
            ChangeKind::AliasRemoved,
            Impact::Breaking,
            format!(
                "alias `{alias}` removed: clients sending or matching it no longer find the code"
            ),
        );
    }
    for alias in new.difference(&old) {
        // An old id that became an alias is reported with the removed code:
        // as a rename, a merge or a reused retired id.
        let former_id = old_lock.codes.contains_key(*alias) && !new_lock.codes.contains_key(*alias);
        if !former_id {
            out.push(
                id,
                ChangeKind::AliasAdded,
                Impact::Compatible,
                format!("alias `{alias}` added"),
            );
        }
    }
}

/// Compares params; returns the renames (old name, new name).
fn compare_params(
    out: &mut Out,
    id: &str,
    before: &[LockedParam],
    after: &[LockedParam],
) -> BTreeMap<String, String> {
    let find = |params: &[LockedParam], name: &str| params.iter().any(|param| param.name == name);
    let removed: Vec<(usize, &LockedParam)> = before
        .iter()
        .enumerate()
        .filter(|(_, param)| !find(after, &param.name))
        .collect();
    let mut added: Vec<(usize, &LockedParam)> = after
        .iter()
        .enumerate()
        .filter(|(_, param)| !find(before, &param.name))
        .collect();
    let mut renames = BTreeMap::new();
    let mut pairs: Vec<(&LockedParam, &LockedParam)> = Vec::new();
    for old in before {
        if let Some(new) = after.iter().find(|new| new.name == old.name) {
            pairs.push((old, new));
        }
    }
    for (position, old) in removed {
        // A rename keeps the type and either the position or a wire member.
        let partner = added.iter().position(|(new_position, new)| {
            new.ty == old.ty
                && (*new_position == position
                    || (old.detail.is_some() && new.detail == old.detail)
                    || (old.header.is_some() && new.header == old.header))
        });
        match partner {
            Some(index) => {
                let (_, new) = added.remove(index);
                out.push(
                    id,
                    ChangeKind::ParamRenamed,
                    Impact::Breaking,
                    format!("param `{}` renamed to `{}`", old.name, new.name),
                );
                renames.insert(old.name.clone(), new.name.clone());
                pairs.push((old, new));
            }
            None => out.push(
                id,
                ChangeKind::ParamRemoved,
                Impact::Breaking,
                format!("param `{}` ({}) removed", old.name, old.ty),
            ),
        }
    }
    for (_, new) in added {
        if new.optional {
            out.push(
                id,
                ChangeKind::ParamAdded,
                Impact::Compatible,
                format!("optional param `{}` ({}) added", new.name, new.ty),
            );
        } else {
            out.push(
                id,
                ChangeKind::ParamAdded,
                Impact::Breaking,
                format!(
                    "required param `{}` ({}) added: every place that raises the code must now supply it",
                    new.name, new.ty
                ),
            );
        }
    }
    for (old, new) in pairs {
        compare_param(out, id, old, new);
    }
    renames
}

fn compare_param(out: &mut Out, id: &str, old: &LockedParam, new: &LockedParam) {
    let name = &new.name;
    if old.ty != new.ty {
        out.push(
            id,
            ChangeKind::ParamRetyped,
            Impact::Breaking,
            format!("param `{name}` changed type from {} to {}", old.ty, new.ty),
        );
    }
    match (old.optional, new.optional) {
        (true, false) => out.push(
            id,
            ChangeKind::ParamMadeRequired,
            Impact::Breaking,
            format!(
                "param `{name}` is now required: every place that raises the code must supply it"
            ),
        ),
        (false, true) => out.push(
            id,
            ChangeKind::ParamMadeOptional,
            Impact::Breaking,
            format!("param `{name}` is now optional: clients can no longer count on its value"),
        ),
        _ => {}
    }
    compare_member(
        out,
        id,
        name,
        ChangeKind::DetailChanged,
        "details member",
        old.detail.as_deref(),
        new.detail.as_deref(),
    );
    compare_member(
        out,
        id,
        name,
        ChangeKind::HeaderChanged,
        "header",
        old.header.as_deref(),
        new.header.as_deref(),
    );
    match (old.sensitive, new.sensitive) {
        (false, true) if old.detail.is_some() || old.header.is_some() => out.push(
            id,
            ChangeKind::SensitivityChanged,
            Impact::Breaking,
            format!("param `{name}` is now sensitive: public clients no longer receive it"),
        ),
        (false, true) => out.push(
            id,
            ChangeKind::SensitivityChanged,
            Impact::Compatible,
            format!("param `{name}` is now sensitive"),
        ),
        (true, false) => out.push(
            id,
            ChangeKind::SensitivityChanged,
            Impact::Compatible,
            format!("param `{name}` is no longer sensitive: the public audience now sees it"),
        ),
        _ => {}
    }
}

fn compare_member(
    out: &mut Out,
    id: &str,
    param: &str,
    kind: ChangeKind,
    what: &str,
    old: Option<&str>,
    new: Option<&str>,
) {
    match (old, new) {
        (Some(old), None) => out.push(
            id,
            kind,
            Impact::Breaking,
            format!("{what} `{old}` of param `{param}` removed"),
        ),
        (Some(old), Some(new)) if old != new => out.push(
            id,
            kind,
            Impact::Breaking,
            format!("{what} `{old}` of param `{param}` renamed to `{new}`"),
        ),
        (None, Some(new)) => out.push(
            id,
            kind,
            Impact::Compatible,
            format!("param `{param}` now also sent as {what} `{new}`"),
        ),
        _ => {}
    }
}

/// The shape of a message: the literal texts around placeholders (one more
/// than the placeholders) and the param each placeholder shows.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    literals: Vec<String>,
    slots: Vec<String>,
}

impl Shape {
    fn of(raw: &str, renames: &BTreeMap<String, String>) -> Shape {
        let mut literals = vec![String::new()];
        let mut slots = Vec::new();
        match Template::parse(raw) {
            Ok(template) => {
                for segment in template.segments {
                    match segment {
                        Segment::Literal(text) => {
                            if let Some(last) = literals.last_mut() {
                                last.push_str(&text);
                            }
                        }
                        Segment::Param(name) => {
                            slots.push(renames.get(&name).cloned().unwrap_or(name));
                            literals.push(String::new());
                        }
                    }
                }
            }
            // A template that does not parse (a hand-edited lock) is
            // compared as plain text.
            Err(_) => literals[0] = raw.to_owned(),
        }
        Shape { literals, slots }
    }
}

fn compare_messages(
    out: &mut Out,
    id: &str,
    before: &LockedCode,
    after: &LockedCode,
    renames: &BTreeMap<String, String>,
) {
    let old = Shape::of(&before.message, renames);
    let new = Shape::of(&after.message, &BTreeMap::new());
    if old != new {
        let why = if old.slots.len() != new.slots.len() {
            if new.slots.len() > old.slots.len() {
                "a placeholder was added"
            } else {
                "a placeholder was removed"
            }
        } else if old.slots != new.slots {
            let mut old_sorted = old.slots.clone();
            let mut new_sorted = new.slots.clone();
            old_sorted.sort();
            new_sorted.sort();
            if old_sorted == new_sorted {
                "the placeholders were reordered"
            } else {
                "a placeholder now shows another param"
            }
        } else {
            "the literal text changed"
        };
        out.push(
            id,
            ChangeKind::MessageChanged,
            Impact::Breaking,
            format!(
                "message changed ({why}): {} became {}",
                code_span(&before.message),
                code_span(&after.message)
            ),
        );
    }
    let old_public = before
        .public_message
        .as_deref()
        .map(|raw| Shape::of(raw, renames));
    let new_public = after
        .public_message
        .as_deref()
        .map(|raw| Shape::of(raw, &BTreeMap::new()));
    if old_public != new_public {
        let summary = match (&before.public_message, &after.public_message) {
            (None, Some(new)) => format!("public message added: {}", code_span(new)),
            (Some(_), None) => {
                "public message removed: the public audience now sees `message`".to_owned()
            }
            (Some(old), Some(new)) => format!(
                "public message edited: {} became {}",
                code_span(old),
                code_span(new)
            ),
            (None, None) => unreachable!("equal shapes were skipped"),
        };
        out.push(
            id,
            ChangeKind::PublicMessageChanged,
            Impact::Compatible,
            summary,
        );
    }
}

fn compare_deprecations(out: &mut Out, id: &str, before: &LockedCode, after: &LockedCode) {
    let summary = match (&before.deprecated, &after.deprecated) {
        (None, Some(deprecation)) => match &deprecation.replacement {
            Some(replacement) => format!("deprecated: use `{replacement}` instead"),
            None => "deprecated".to_owned(),
        },
        (Some(_), None) => "no longer deprecated".to_owned(),
        (Some(old), Some(new)) if old != new => match &new.replacement {
            Some(replacement) => format!("deprecation edited: use `{replacement}` instead"),
            None => "deprecation edited".to_owned(),
        },
        _ => return,
    };
    out.push(
        id,
        ChangeKind::DeprecationChanged,
        Impact::Compatible,
        summary,
    );
}

fn compare_docs(out: &mut Out, id: &str, before: &LockedCode, after: &LockedCode) {
    let mut edited = Vec::new();
    if before.description != after.description {
        edited.push("description".to_owned());
    }
    if before.resolution != after.resolution {
        edited.push("resolution".to_owned());
    }
    for new in &after.params {
        let old = before.params.iter().find(|old| old.name == new.name);
        if old.is_some_and(|old| old.description != new.description) {
            edited.push(format!("description of param `{}`", new.name));
        }
    }
    if !edited.is_empty() {
        out.push(
            id,
            ChangeKind::DocsEdited,
            Impact::Compatible,
            format!("{} edited", join_and(&edited)),
        );
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn shown_option(value: Option<&str>) -> String {
    value.map_or_else(|| "none".to_owned(), |value| format!("`{value}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_follow_renamed_params() {
        let renames = BTreeMap::from([("old".to_owned(), "new".to_owned())]);
        assert_eq!(
            Shape::of("wait {old} s", &renames),
            Shape::of("wait {new} s", &BTreeMap::new())
        );
        assert_ne!(
            Shape::of("wait {old} s", &BTreeMap::new()),
            Shape::of("wait {new} s", &BTreeMap::new())
        );
        assert_eq!(Shape::of("{a}{b}", &BTreeMap::new()).literals, ["", "", ""]);
    }

    #[test]
    fn lists_read_as_prose() {
        let items = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(join_and(&items[..1]), "a");
        assert_eq!(join_and(&items[..2]), "a and b");
        assert_eq!(join_and(&items), "a, b and c");
    }
}
