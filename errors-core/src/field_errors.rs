//! Field-level validation errors: built once, rendered natively by each envelope.

/// Validation messages keyed by field name, in insertion order of the fields.
///
/// # Examples
///
/// ```
/// use errors_core::FieldErrors;
///
/// let mut fields = FieldErrors::new();
/// fields.push("email", "Email already exists");
/// fields.push("email", "Email is too long");
/// assert_eq!(fields.get("email").unwrap().len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors {
    entries: Vec<(String, Vec<String>)>,
}

impl FieldErrors {
    /// Creates an empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `message` to the messages of `field`.
    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) -> &mut Self {
        let field = field.into();
        let message = message.into();
        match self.entries.iter_mut().find(|(name, _)| *name == field) {
            Some((_, messages)) => messages.push(message),
            None => self.entries.push((field, vec![message])),
        }
        self
    }

    /// The messages of `field`, if it has any.
    pub fn get(&self, field: &str) -> Option<&[String]> {
        self.entries
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, messages)| messages.as_slice())
    }

    /// Iterates over fields and their messages, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.entries
            .iter()
            .map(|(name, messages)| (name.as_str(), messages.as_slice()))
    }

    /// Whether no field has a message.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The number of fields with messages.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}
