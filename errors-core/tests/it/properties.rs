//! Randomized errors through every envelope: bodies stay valid against their
//! schema, headers stay safe, and the public never sees a sensitive value.

use errors_core::http::Response;
use errors_core::{Audience, Envelope, EnvelopeKind, FlatMcp, ResponseContext};

use crate::custom_envelope::Ticket;
use crate::support::{TestError, TestParam, Value, renderer};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % bound.max(1)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn text(&mut self, max_length: usize) -> String {
        const ALPHABET: [char; 16] = [
            'a', 'Z', '0', ' ', '"', '\\', '\n', '\r', '\t', '\u{0}', '\u{7f}', 'é', '€', '😀',
            '{', '}',
        ];
        let length = self.below(max_length + 1);
        (0..length).map(|_| self.pick(&ALPHABET)).collect()
    }
}

const NAMES: [&str; 6] = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"];
const DETAILS: [&str; 7] = [
    "limit",
    "field",
    "errors",
    "request_id",
    "type",
    "code",
    "reason",
];
const HEADERS: [&str; 6] = [
    "Retry-After",
    "X-RateLimit-Limit",
    "X-Quota",
    "Bad Name",
    "X-Bad\r\nName",
    "Www-Authenticate",
];

/// A random error; every sensitive value contains `SECRET`, nothing else does.
fn random_error(rng: &mut Rng) -> TestError {
    let status = 400 + rng.below(200) as u16;
    let mut error = TestError::new("random_code", status, "");
    let mut message = String::new();
    let mut public = String::new();
    let count = rng.below(NAMES.len() + 1);
    for name in &NAMES[..count] {
        let sensitive = rng.chance(30);
        let value = match rng.below(5) {
            0 => Value::Int(rng.below(1000) as i64 - 500),
            1 => Value::UInt(rng.below(1000) as u64),
            2 => Value::Seconds(rng.below(1000) as u64),
            3 => Value::List((0..rng.below(4)).map(|_| rng.text(12)).collect()),
            _ => Value::Str(rng.text(30)),
        };
        let value = match (sensitive, value) {
            (true, Value::Str(text)) => Value::Str(format!("{text}SECRET")),
            (true, Value::List(mut items)) => {
                items.push("SECRET".to_owned());
                Value::List(items)
            }
            (true, _) => Value::Str("SECRET".to_owned()),
            (false, value) => value,
        };
        error.params.push(TestParam {
            name,
            value,
            detail: rng.chance(60).then(|| rng.pick(&DETAILS)),
            header: rng.chance(30).then(|| rng.pick(&HEADERS)),
            sensitive,
        });
        message.push_str(&rng.text(6).replace(['{', '}'], ""));
        message.push_str(&format!("{{{name}}}"));
        if !sensitive {
            public.push_str(&format!("{{{name}}}"));
        }
    }
    message.push_str(&rng.text(10).replace(['{', '}'], ""));
    error.message = Box::leak(message.into_boxed_str());
    if error.params.iter().any(|param| param.sensitive) || rng.chance(30) {
        public.push_str(" public");
        error.public_message = Some(Box::leak(public.into_boxed_str()));
    }
    for _ in 0..rng.below(3) {
        error = error.field(&rng.text(8), &rng.text(20));
    }
    error
}

/// The body and every header, as one text to search.
fn everything(response: &Response<Vec<u8>>) -> String {
    let mut text = String::from_utf8(response.body().clone()).unwrap();
    for (name, value) in response.headers() {
        text.push_str(&format!("\n{}: {}", name, value.to_str().unwrap()));
    }
    text
}

#[test]
fn random_errors_render_safely_in_every_envelope() {
    let envelopes: [&dyn Envelope; 6] = [
        &EnvelopeKind::Nested,
        &EnvelopeKind::Flat,
        &FlatMcp,
        &EnvelopeKind::Rich,
        &EnvelopeKind::Problem,
        &Ticket,
    ];
    let validators: Vec<jsonschema::Validator> = envelopes
        .iter()
        .map(|envelope| {
            jsonschema::options()
                .should_validate_formats(true)
                .build(&envelope.json_schema().to_value())
                .unwrap()
        })
        .collect();
    let renderer = renderer(EnvelopeKind::Problem);
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for case in 0..300 {
        let error = random_error(&mut rng);
        let request_id = rng.text(10);
        for (envelope, validator) in envelopes.iter().zip(&validators) {
            for audience in [Audience::Public, Audience::Admin] {
                let context = ResponseContext::new()
                    .envelope(*envelope)
                    .audience(audience)
                    .request_id(&request_id);
                let place = format!("case {case}, {}, {audience:?}", envelope.name());
                let response = renderer.render_response_with(&error, &context);
                assert_eq!(response.status().as_u16(), error.status.as_u16(), "{place}");
                let body: serde_json::Value = serde_json::from_slice(response.body())
                    .unwrap_or_else(|problem| panic!("{place}: {problem}"));
                assert!(validator.is_valid(&body), "{place}: {body}");
                for value in response.headers().values() {
                    assert!(
                        value
                            .as_bytes()
                            .iter()
                            .all(|&byte| byte == b'\t' || (b' '..=b'~').contains(&byte)),
                        "{place}: {value:?}"
                    );
                }
                if audience == Audience::Public {
                    let text = everything(&response);
                    assert!(!text.contains("SECRET"), "{place}: {text}");
                    let stream = renderer.render_sse_with(&error, &context);
                    assert!(!stream.contains("SECRET"), "{place}: {stream}");
                }
            }
        }
    }
}
