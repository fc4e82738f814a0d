//! Compile test: the Rust that `codegen::build` generates for a synthetic
//! catalog of 1,000 codes (every param type, optional and sensitive params,
//! field errors, aliases, deprecated and retired codes) builds warning-free
//! and behaves like the checked-in catalog.

include!(concat!(env!("OUT_DIR"), "/error_catalog.rs"));

#[cfg(test)]
mod tests {
    use errors_core::{ApiError, EnvelopeKind, Renderer};

    use super::*;

    #[test]
    fn every_code_is_generated_and_parses_back() {
        assert_eq!(Code::COUNT, 1_000);
        assert_eq!(Code::ALL.len(), CODES.len());
        for code in Code::ALL {
            assert_eq!(code.as_str().parse::<Code>(), Ok(*code));
        }
        assert_eq!(
            "synthetic_alias_000007".parse::<Code>(),
            Ok(Code::SyntheticError000007)
        );
    }

    #[test]
    fn examples_render_with_their_params() {
        let error = CatalogError::example(Code::SyntheticError000001, "default")
            .expect("code 1 has a default example");
        assert_eq!(error.code(), "synthetic_error_000001");
        assert_eq!(error.status().as_u16(), 401);
        let body = Renderer::new(EnvelopeKind::Rich).render_body(&error);
        let body: serde_json::Value = serde_json::from_slice(&body).expect("a JSON body");
        assert_eq!(
            body["error"]["details"],
            serde_json::json!({"name": "res_1", "count": 12})
        );
        assert_eq!(
            body["error"]["message"],
            "Resource res_1 failed check 7. (1)"
        );
    }

    #[test]
    fn retired_codes_are_known_but_never_raised() {
        let retired = Code::SyntheticError000013;
        assert!(retired.info().retired.is_some());
        assert!(CatalogError::example(retired, "default").is_none());
    }

    #[test]
    #[allow(deprecated)]
    fn deprecated_codes_still_construct() {
        let error = Synthetic000Error::SyntheticError000042 {
            retry_after: std::time::Duration::from_secs(30),
        };
        assert_eq!(error.status().as_u16(), 429);
        let info = Code::SyntheticError000042.info();
        assert_eq!(
            info.deprecated
                .and_then(|deprecated| deprecated.replacement),
            Some("synthetic_error_000041")
        );
    }
}
