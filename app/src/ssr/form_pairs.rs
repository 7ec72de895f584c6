//! A posted form's name/value pairs, read the way every plain form of Tradeoff reads them.

/// The pairs of one form post, in the order the browser sent them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pairs(pub Vec<(String, String)>);

impl Pairs {
    /// Reads an `application/x-www-form-urlencoded` body.
    pub fn parse(body: &[u8]) -> Self {
        Pairs(form_urlencoded::parse(body).into_owned().collect())
    }

    /// The first non-blank value of `name`.
    pub fn first(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// The last value of `name`, blank or not: a button's value overrides its form's own.
    pub fn last(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of `name` exactly as sent, or empty: what a refused form gives back.
    pub fn raw(&self, name: &str) -> String {
        self.last(name).unwrap_or_default().to_owned()
    }

    /// The first value of `name` read as a whole number.
    pub fn number(&self, name: &str) -> Option<i64> {
        self.first(name).and_then(|v| v.trim().parse().ok())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::Pairs;

    #[test]
    fn first_skips_blanks_and_last_lets_a_button_override() {
        let pairs = Pairs::parse(b"a=&a=1&a=2&section=form&section=&n=+7+");
        assert_eq!(pairs.first("a"), Some("1"));
        assert_eq!(pairs.last("a"), Some("2"));
        assert_eq!(pairs.last("section"), Some(""));
        assert_eq!(pairs.first("missing"), None);
        assert_eq!(pairs.number("n"), Some(7));
        assert_eq!(pairs.raw("missing"), "");
    }
}
