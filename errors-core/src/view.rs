//! What an envelope sees of an error: the error as one audience may see it.
//!
//! An [`Envelope`](crate::Envelope) never gets the `&dyn ApiError` itself but
//! an [`ErrorView`], which applies the audience rules once for every format,
//! built-in or custom: the public reads the public message, and sensitive
//! params are not even visited. Source errors are not reachable from a view,
//! so no envelope can render them.

use std::fmt;

use http::StatusCode;

use crate::{ApiError, Audience, Clock, FieldErrors, Param, ParamVisitor, Timestamp};

/// One error being rendered, as its audience may see it, with the context of
/// the response (request id, docs base URL, the time).
///
/// Views are made by a [`Renderer`](crate::Renderer) and handed to
/// [`Envelope::write_body`](crate::Envelope::write_body).
///
/// # Examples
///
/// An envelope that lists the params it may show: a sensitive one is not
/// visited for the public.
///
/// ```
/// use errors_core::{
///     ApiError, Audience, Envelope, ErrorView, JsonWriter, Param, ParamValue, ParamVisitor,
///     Renderer, ResponseContext,
/// };
/// use http::StatusCode;
///
/// #[derive(Debug)]
/// struct ParamNames;
///
/// impl Envelope for ParamNames {
///     fn name(&self) -> &str {
///         "param-names"
///     }
///     fn write_body(&self, error: &ErrorView<'_>, out: JsonWriter<'_>) {
///         let mut names = out.array();
///         error.for_each_param(|param| names.item().str(param.name));
///     }
///     fn json_schema(&self) -> schemars::Schema {
///         schemars::json_schema!({"type": "array", "items": {"type": "string"}})
///     }
/// }
///
/// #[derive(Debug)]
/// struct Locked { user: String, reason: String }
/// impl std::fmt::Display for Locked {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         write!(f, "Account {} locked: {}", self.user, self.reason)
///     }
/// }
/// impl std::error::Error for Locked {}
/// impl ApiError for Locked {
///     fn code(&self) -> &'static str { "account_locked" }
///     fn status(&self) -> StatusCode { StatusCode::FORBIDDEN }
///     fn write_message(&self, audience: Audience, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
///         match audience {
///             Audience::Public => write!(out, "Account {} locked", self.user),
///             Audience::Admin => write!(out, "{self}"),
///         }
///     }
///     fn visit_params(&self, visitor: &mut dyn ParamVisitor) {
///         visitor.visit(Param { name: "user", value: ParamValue::Str(&self.user), detail: None, header: None, sensitive: false });
///         visitor.visit(Param { name: "reason", value: ParamValue::Str(&self.reason), detail: None, header: None, sensitive: true });
///     }
/// }
///
/// let error = Locked { user: "ana".into(), reason: "fraud review".into() };
/// let renderer = Renderer::new(ParamNames);
/// assert_eq!(renderer.render_body(&error), br#"["user"]"#);
/// let admin = ResponseContext::new().audience(Audience::Admin);
/// assert_eq!(renderer.render_body_with(&error, &admin), br#"["user","reason"]"#);
/// ```
#[derive(Clone, Copy)]
pub struct ErrorView<'a> {
    error: &'a dyn ApiError,
    audience: Audience,
    clock: &'a dyn Clock,
    request_id: Option<&'a str>,
    instance: Option<&'a str>,
    docs_base_url: Option<&'a str>,
}

impl<'a> ErrorView<'a> {
    pub(crate) fn new(
        error: &'a dyn ApiError,
        audience: Audience,
        clock: &'a dyn Clock,
        request_id: Option<&'a str>,
        instance: Option<&'a str>,
        docs_base_url: Option<&'a str>,
    ) -> Self {
        Self {
            error,
            audience,
            clock,
            request_id,
            instance,
            docs_base_url,
        }
    }

    /// The code id, e.g. `"rate_limit_exceeded"`.
    pub fn code(&self) -> &'static str {
        self.error.code()
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.error.status()
    }

    /// Whether a client may retry the same request unchanged.
    pub fn retryable(&self) -> bool {
        self.error.retryable()
    }

    /// Who reads this rendering.
    pub fn audience(&self) -> Audience {
        self.audience
    }

    /// The message for the audience, as `Display`: write it with
    /// [`JsonWriter::display`](crate::JsonWriter::display) to escape and bound
    /// it on the fly.
    pub fn message(&self) -> Message<'a> {
        Message {
            error: self.error,
            audience: self.audience,
        }
    }

    /// Writes the message for the audience to `out`: the fastest way to
    /// render it, as in `out.string_with(|text| error.write_message(text))`
    /// with a [`JsonWriter`](crate::JsonWriter).
    pub fn write_message(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        self.error.write_message(self.audience, out)
    }

    /// Calls `visit` with every param the audience may see, in declaration
    /// order: all params for [`Audience::Admin`], the non-sensitive ones for
    /// [`Audience::Public`].
    pub fn for_each_param(&self, visit: impl FnMut(Param<'_>)) {
        let mut filter = AudienceFilter {
            public: self.audience == Audience::Public,
            visit,
        };
        self.error.visit_params(&mut filter);
    }

    /// The first visible param that `matches` accepts, passed to `read`.
    pub fn find_param<T>(
        &self,
        mut matches: impl FnMut(&Param<'_>) -> bool,
        mut read: impl FnMut(Param<'_>) -> T,
    ) -> Option<T> {
        let mut found = None;
        self.for_each_param(|param| {
            if found.is_none() && matches(&param) {
                found = Some(read(param));
            }
        });
        found
    }

    /// Whether some visible param has a `detail` member.
    pub fn has_detail_params(&self) -> bool {
        self.find_param(|param| param.detail.is_some(), |_| ())
            .is_some()
    }

    /// The field-level validation errors, if the error carries any (an empty
    /// set counts as none).
    ///
    /// Field messages are meant for the end user and are shown to every audience.
    pub fn field_errors(&self) -> Option<&'a FieldErrors> {
        self.error
            .field_errors()
            .filter(|fields| !fields.is_empty())
    }

    /// The time of the rendering, from the renderer's [`Clock`].
    pub fn timestamp(&self) -> Timestamp {
        self.clock.now()
    }

    /// The id of the request that failed, when known.
    pub fn request_id(&self) -> Option<&'a str> {
        self.request_id
    }

    /// The URI of this occurrence of the problem (RFC 9457 `instance`), when
    /// the response context gives one.
    pub fn instance(&self) -> Option<&'a str> {
        self.instance
    }

    /// The base URL of the error documentation: a code's page is this base
    /// followed by the code id.
    pub fn docs_base_url(&self) -> Option<&'a str> {
        self.docs_base_url
    }
}

impl fmt::Debug for ErrorView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorView")
            .field("code", &self.code())
            .field("status", &self.status())
            .field("audience", &self.audience)
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

/// The message of an error for one audience; see [`ErrorView::message`].
#[derive(Clone, Copy)]
pub struct Message<'a> {
    error: &'a dyn ApiError,
    audience: Audience,
}

impl<'a> Message<'a> {
    /// The message of `error` for `audience`.
    #[cfg(feature = "tracing")]
    pub(crate) fn new(error: &'a dyn ApiError, audience: Audience) -> Self {
        Self { error, audience }
    }
}

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.write_message(self.audience, f)
    }
}

impl fmt::Debug for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Message")
            .field(&format_args!("{self}"))
            .finish()
    }
}

/// Passes on the params the audience may see.
struct AudienceFilter<F> {
    public: bool,
    visit: F,
}

impl<F: FnMut(Param<'_>)> ParamVisitor for AudienceFilter<F> {
    fn visit(&mut self, param: Param<'_>) {
        if !(self.public && param.sensitive) {
            (self.visit)(param);
        }
    }
}
