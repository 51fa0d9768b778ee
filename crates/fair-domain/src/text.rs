//! Text folding and tokenising for search and matching.
//!
//! Vietnamese is written with stacked diacritics that users often leave out ("ep phun"
//! for "ép phun"), so Latin letters are compared without them. Chinese, Japanese and
//! Korean have no spaces between words, so runs of those scripts become overlapping
//! character bigrams: "射出成形" and "射出成型" then share "射出" and "出成". Diacritics of
//! other scripts are kept (stripping the Japanese voicing mark would turn ダ into タ).

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Lower-cases, applies compatibility normalisation (full-width letters and digits
/// become ASCII) and strips Latin diacritics; đ becomes d.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    // Most text is already NFKC (precomposed Vietnamese included): skip the pass.
    if is_nfkc_quick(input.chars()) == IsNormalized::Yes {
        input.chars().for_each(|ch| push_folded(ch, &mut out));
    } else {
        input.nfkc().for_each(|ch| push_folded(ch, &mut out));
    }
    out
}

fn is_latin_diacritic(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

fn push_folded(ch: char, out: &mut String) {
    match ch {
        'đ' | 'Đ' => out.push('d'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c if is_latin(c) => decompose_canonical(c, |part| {
            if !is_latin_diacritic(part) {
                out.extend(part.to_lowercase());
            }
        }),
        c if is_latin_diacritic(c) => {}
        c => out.extend(c.to_lowercase()),
    }
}

fn is_latin(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Scripts written without spaces, tokenised as character bigrams.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana (with the prolonged sound mark)
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{1100}'..='\u{11FF}' // Hangul jamo
        | '\u{3130}'..='\u{318F}' // Hangul compatibility jamo
    ) && c != '\u{30FB}' // the katakana middle dot separates words
}

/// Splits folded text into search terms: runs of letters and digits, and bigrams of
/// CJK runs (a lone CJK character stays a unigram).
pub fn tokenize(input: &str) -> Vec<String> {
    let folded = fold(input);
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut cjk: Vec<char> = Vec::new();
    for c in folded.chars() {
        if is_cjk(c) {
            flush_word(&mut word, &mut tokens);
            cjk.push(c);
        } else if c.is_alphanumeric() {
            flush_cjk(&mut cjk, &mut tokens);
            word.push(c);
        } else {
            flush_word(&mut word, &mut tokens);
            flush_cjk(&mut cjk, &mut tokens);
        }
    }
    flush_word(&mut word, &mut tokens);
    flush_cjk(&mut cjk, &mut tokens);
    tokens
}

fn flush_word(word: &mut String, tokens: &mut Vec<String>) {
    if !word.is_empty() {
        tokens.push(std::mem::take(word));
    }
}

fn flush_cjk(run: &mut Vec<char>, tokens: &mut Vec<String>) {
    match run.len() {
        0 => {}
        1 => tokens.push(run[0].to_string()),
        _ => tokens.extend(run.windows(2).map(|pair| pair.iter().collect::<String>())),
    }
    run.clear();
}

/// Whether a token came from a CJK run (bigrams are never prefix-matched).
pub fn is_cjk_token(token: &str) -> bool {
    token.chars().next().is_some_and(is_cjk)
}

/// A URL-safe slug from any name: folded, ASCII letters and digits, hyphen-separated.
pub fn slugify(input: &str) -> String {
    let mut slug = String::new();
    for c in fold(input).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn vietnamese_folds_to_plain_letters() {
        assert_eq!(fold("Ép phun nhựa"), "ep phun nhua");
        assert_eq!(fold("Đúc áp lực"), "duc ap luc");
        assert_eq!(fold("Nhiệt luyện"), "nhiet luyen");
        assert_eq!(fold("HÀ NỘI"), "ha noi");
        // Typed in decomposed form (e + combining acute), as some keyboards do.
        assert_eq!(fold("E\u{0301}p phun"), "ep phun");
    }

    #[test]
    fn full_width_becomes_ascii_and_kana_keeps_voicing() {
        assert_eq!(fold("ＩＳＯ９００１"), "iso9001");
        assert_eq!(fold("ダイカスト"), "ダイカスト");
    }

    #[test]
    fn tokens_split_latin_words_and_cjk_bigrams() {
        assert_eq!(tokenize("Ép phun nhựa, ISO 9001"), ["ep", "phun", "nhua", "iso", "9001"]);
        assert_eq!(tokenize("射出成形"), ["射出", "出成", "成形"]);
        assert_eq!(tokenize("SMT実装"), ["smt", "実装"]);
        assert_eq!(tokenize("表面処理・めっき"), ["表面", "面処", "処理", "めっ", "っき"]);
        assert_eq!(tokenize("鋼"), ["鋼"]);
        assert_eq!(tokenize("사출성형"), ["사출", "출성", "성형"]);
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slugify("Công ty TNHH Cơ khí Chính xác Hà Nội"), "cong-ty-tnhh-co-khi-chinh-xac-ha-noi");
        assert_eq!(slugify("  --ABC  "), "abc");
    }

    proptest! {
        #[test]
        fn folding_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn tokens_are_never_empty(s in "\\PC{0,60}") {
            for token in tokenize(&s) {
                prop_assert!(!token.is_empty());
            }
        }
    }
}
