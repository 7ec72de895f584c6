//! URL slugs made from titles and option names.

/// Lower-case ASCII words joined by single hyphens, at most `max` bytes, cut at a word boundary.
/// Letters outside ASCII are dropped, so a title in another script may give an empty slug.
pub fn slugify(text: &str, max: usize) -> String {
    let mut slug = String::with_capacity(text.len().min(max));
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                if slug.len() + 1 >= max {
                    break;
                }
                slug.push('-');
            }
            pending_hyphen = false;
            if slug.len() >= max {
                break;
            }
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    if slug.len() >= max
        && let Some(cut) = slug.rfind('-')
    {
        slug.truncate(cut);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn words_become_hyphenated_lowercase() {
        assert_eq!(
            slugify("Use Go for the API gateway!", 60),
            "use-go-for-the-api-gateway"
        );
        assert_eq!(slugify("  C++ vs. Rust  ", 60), "c-vs-rust");
        assert_eq!(slugify("Ünïcode—only", 60), "n-code-only");
        assert_eq!(slugify("日本語", 60), "");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let slug = slugify("alpha beta gamma delta epsilon", 14);
        assert_eq!(slug, "alpha-beta");
        assert!(slug.len() <= 14);
    }
}
