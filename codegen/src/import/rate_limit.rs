//! Rate limits that an action's description states (`Default API request rate limit:
//! 20 requests/sec`, `默认接口请求频率限制：20次/秒`).
//!
//! Only a per-second limit stated in a sentence about a limit or a frequency counts; a
//! description that states two different per-second figures (one for published activities,
//! one for drafts) is ambiguous and gives none, and so do concurrency limits.

/// Units that follow the number of a per-second limit, after optional spaces.
const PER_SECOND: &[&str] = &[
    "次/秒",
    "次每秒",
    "次/s",
    "qps",
    "requests/second",
    "requests/sec",
    "requests/s",
    "requests per second",
    "request/second",
    "request/sec",
    "request per second",
    "calls/second",
    "calls/sec",
    "calls per second",
    "times/second",
    "times/sec",
    "times per second",
    "queries per second",
    "/second",
    "/sec",
    "/s",
    " per second",
];

/// Words that make a sentence about a limit.
const LIMIT_WORDS: &[&str] = &["limit", "frequency", "rate", "频率", "限制", "限频"];

/// Words of a concurrency limit, which is not a rate.
const CONCURRENCY_WORDS: &[&str] = &["并发", "concurren"];

/// The per-second limit that `text` states, with the sentence that states it.
pub fn stated(text: &str) -> Option<(u32, String)> {
    let mut found: Option<(u32, String)> = None;
    for sentence in text.split(['\n', '。']).flat_map(|s| s.split(". ")) {
        let lower = sentence.to_lowercase();
        if !LIMIT_WORDS.iter().any(|w| lower.contains(w))
            || CONCURRENCY_WORDS.iter().any(|w| lower.contains(w))
        {
            continue;
        }
        for rate in per_second_figures(&lower) {
            match &found {
                Some((seen, _)) if *seen != rate => return None,
                Some(_) => {}
                None => found = Some((rate, clean(sentence))),
            }
        }
    }
    found
}

/// Every number in `lower` followed by a per-second unit.
fn per_second_figures(lower: &str) -> Vec<u32> {
    let mut figures = Vec::new();
    let mut rest = lower;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let after_start = &rest[start..];
        let end = after_start
            .find(|c: char| !(c.is_ascii_digit() || c == ','))
            .unwrap_or(after_start.len());
        let digits = after_start[..end].trim_end_matches(',');
        let tail = after_start[digits.len()..].trim_start_matches([' ', '*']);
        let is_rate = PER_SECOND.iter().any(|unit| {
            tail.strip_prefix(unit.trim_start())
                .is_some_and(|after| !after.starts_with(|c: char| c.is_ascii_alphanumeric()))
        });
        let value = digits.replace(',', "").parse::<u32>().ok();
        // A figure right after a decimal point is not a count (`0.5 requests/s`).
        let fraction = rest[..start].ends_with('.');
        if let (true, Some(value), false) = (is_rate, value, fraction)
            && value > 0
        {
            figures.push(value);
        }
        rest = &after_start[digits.len().max(1)..];
    }
    figures
}

/// The sentence as a note quotes it: one line, without Markdown emphasis or list marks.
fn clean(sentence: &str) -> String {
    let text = sentence.replace("**", "");
    let text = text.trim().trim_start_matches(['-', '•', '*', ' ']);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::stated;

    #[test]
    fn reads_english_and_chinese_statements() {
        let (rate, sentence) =
            stated("Lists tasks.\n- Default API request rate limit: **20 requests/sec**").unwrap();
        assert_eq!(
            (rate, sentence.as_str()),
            (20, "Default API request rate limit: 20 requests/sec")
        );
        assert_eq!(
            stated("默认接口请求频率限制：10次/秒。").map(|r| r.0),
            Some(10)
        );
        assert_eq!(
            stated("The API request frequency limit: **1,000 times/second**").map(|r| r.0),
            Some(1000)
        );
        assert_eq!(
            stated("API call rate limit: 20 calls/second (1,200 calls/minute)").map(|r| r.0),
            Some(20)
        );
    }

    #[test]
    fn ignores_ambiguous_concurrent_and_unrelated_figures() {
        assert_eq!(
            stated("未发布的活动请求频率限制为1次/秒，已发布的活动请求频率限制50次/秒"),
            None
        );
        assert_eq!(stated("默认接口请求并发限制：2次/秒"), None);
        assert_eq!(stated("Transcodes at 30 frames/s."), None);
        assert_eq!(
            stated("Returns 20 records per page; rate is per account."),
            None
        );
        assert_eq!(stated("默认接口请求频率限制：2次/分钟"), None);
    }
}
