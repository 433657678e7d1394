//! Answer bytes through the runtime's decoder into every generated ssl response type.

use std::fmt::Debug;

use tc_runtime::Action;
use tc_runtime::response::{self, Decoded};
use tencentcloud::ssl::v20191205 as ssl;

type Decoder = fn(u16, &[u8]) -> u8;

include!(concat!(env!("OUT_DIR"), "/ssl_answers.rs"));

/// Decodes as the client does, and prints the outcome as a user's `{:?}` would.
fn decode<A: Action>(status: u16, body: &[u8]) -> u8
where
    A::Output: Debug,
{
    let decoded = response::decode::<A::Output, A::ErrorCode>(status, body);
    let depth = match &decoded {
        Decoded::Undecodable(_) => 0,
        Decoded::Service(_) => 1,
        Decoded::Output(..) => 2,
    };
    std::hint::black_box(format!("{decoded:?}"));
    depth
}

/// `Action\nbody` or `Action STATUS\nbody`: the body decoded as the answer to that action (an
/// unknown name picks one) with that HTTP status (200 when none is given).
pub struct Answer;

impl super::Target for Answer {
    fn name(&self) -> &'static str {
        "answer"
    }

    fn deepest(&self) -> u8 {
        2
    }

    fn run(&self, input: &[u8]) -> u8 {
        let (header, body) = super::split_header(input);
        let (name, status) = match header.split_once(' ') {
            Some((name, status)) => (name, status.trim().parse().unwrap_or(200)),
            None => (header, 200),
        };
        let Some((_, decode)) = super::pick(SSL_ANSWERS, name) else {
            return 0;
        };
        decode(status, body)
    }

    fn extra_seeds(&self) -> Vec<Vec<u8>> {
        super::ssl_examples()
            .into_iter()
            .map(|(name, _, response)| format!("{name}\n{response}").into_bytes())
            .collect()
    }
}
