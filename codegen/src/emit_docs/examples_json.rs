//! `examples.json`: every catalog example rendered in every envelope for both
//! audiences, as fixtures for client tests in any language.

use serde::Serialize;

use super::{DocsInput, GENERATED_NOTICE, RenderedExample, json};

/// The version of the `examples.json` shape.
const FORMAT_VERSION: u32 = 1;

/// The file: a notice, the shape's version, the rendering context and the
/// rendered examples.
#[derive(Serialize)]
struct ExamplesFile<'a> {
    #[serde(rename = "$comment")]
    comment: &'static str,
    version: u32,
    request_id: &'a str,
    timestamp: String,
    examples: Vec<&'a RenderedExample>,
}

/// `examples.json`, in catalog order: per code, per example, per envelope
/// (in the order of [`DocsInput::envelopes`]), public then admin; the flat
/// envelope's MCP form (`"mcp": true`) right after the flat one.
pub(crate) fn examples_json(input: &DocsInput<'_>) -> String {
    let mut examples = Vec::with_capacity(input.examples.len());
    for code in input.catalog.codes() {
        for example in &code.examples {
            for envelope in input.envelopes {
                for audience in super::Audience::ALL {
                    if let Some(rendered) =
                        input.rendered(&code.id, &example.name, &envelope.name, audience)
                    {
                        examples.push(rendered);
                    }
                }
                // The MCP form of the flat envelope follows the flat one.
                examples.extend(input.examples.iter().filter(|rendered| {
                    rendered.mcp
                        && rendered.code == code.id.value
                        && rendered.example == example.name.value
                        && rendered.envelope == envelope.name
                }));
            }
        }
    }
    json::to_pretty(&ExamplesFile {
        comment: GENERATED_NOTICE,
        version: FORMAT_VERSION,
        request_id: &input.settings.request_id,
        timestamp: input.settings.timestamp(),
        examples,
    })
}
