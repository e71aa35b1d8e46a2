//! Splits a pattern file into logical lines of whitespace-separated tokens.
//!
//! Comments (`#` to end of line) are removed first, then a trailing `\`
//! joins the physical line with the next one. A logical line reports the
//! number of its first physical line, which is where errors point.

pub(crate) struct Line {
    pub no: u32,
    pub toks: Vec<String>,
}

pub(crate) fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    // (first physical line number, accumulated text) of a continued line.
    let mut pending: Option<(u32, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let body = raw.split('#').next().unwrap_or("").trim_end();
        let (body, continued) = match body.strip_suffix('\\') {
            Some(b) => (b, true),
            None => (body, false),
        };
        let (start, mut acc) = pending.take().unwrap_or((no, String::new()));
        acc.push(' ');
        acc.push_str(body);
        if continued {
            pending = Some((start, acc));
        } else {
            push(&mut out, start, &acc);
        }
    }
    // A `\` on the last line simply ends the file.
    if let Some((start, acc)) = pending {
        push(&mut out, start, &acc);
    }
    out
}

fn push(out: &mut Vec<Line>, no: u32, text: &str) {
    let toks: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    if !toks.is_empty() {
        out.push(Line { no, toks });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blank_lines_and_continuations() {
        let text = "# header\n\n%f 0:4 # trailing\nADD 0000 \\\n  1111 # c\\\n   @fmt\n  \nX 1\\";
        let ls = lines(text);
        assert_eq!(ls.len(), 4);
        assert_eq!(ls[0].no, 3);
        assert_eq!(ls[0].toks, ["%f", "0:4"]);
        // The `\` inside a comment does not continue the line.
        assert_eq!(ls[1].no, 4);
        assert_eq!(ls[1].toks, ["ADD", "0000", "1111"]);
        assert_eq!(ls[2].toks, ["@fmt"]);
        assert_eq!(ls[2].no, 6);
        assert_eq!(ls[3].toks, ["X", "1"]);
        assert_eq!(ls[3].no, 8);
    }

    #[test]
    fn trailing_backslash_at_eof() {
        let ls = lines("X 1\\");
        assert_eq!(ls.len(), 1);
        assert_eq!(ls[0].toks, ["X", "1"]);
    }
}
