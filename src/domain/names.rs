//! How names compare and sort, and what an e-mail address must look like.
//!
//! Owns: the one comparison of names ignoring case (people, roles, circles, records), the
//! key names are sorted by, and the one check of an e-mail address, used by every path that
//! takes one (the command line, the home screen, the adoption, an organisation file).
//! Must not import: anything outside `std` and `unicode-normalization`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A name folded so that two names a person reads as the same name are equal: trimmed, in
/// lower case, and with the Turkish I's (I, ı, İ, i) one letter, since "YILMAZ" in upper
/// case is "Yılmaz" as much as "Yilmaz".
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for c in name.trim().chars() {
        match c {
            'I' | 'ı' | 'İ' | 'i' => key.push('i'),
            c => key.extend(c.to_lowercase()),
        }
    }
    key
}

/// Whether `a` and `b` are the same name, ignoring case (see [`name_key`]).
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// The key names are listed by: [`name_key`] with diacritics taken off, so that "Şule"
/// sorts beside "Sule" (after "Rosa", before "Zoë") and not after every unaccented name;
/// the folded name breaks ties, so the order is the same every time.
pub fn sort_key(name: &str) -> (String, String) {
    let key = name_key(name);
    let base = key
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'ø' => 'o',
            'ł' => 'l',
            'đ' => 'd',
            'ß' => 's',
            c => c,
        })
        .collect();
    (base, key)
}

/// Why `email` cannot be an e-mail address, in words, or `None` when it can: one `@` with
/// something on each side, and nothing that could break out of a mail header (spaces,
/// brackets, quotes, commas, semicolons, colons, backslashes).
pub fn email_problem(email: &str) -> Option<&'static str> {
    let ats = email.matches('@').count();
    if ats == 0 {
        return Some("it has no @");
    }
    if ats > 1 {
        return Some("it has more than one @");
    }
    if email.starts_with('@') {
        return Some("nothing comes before the @");
    }
    if email.ends_with('@') {
        return Some("nothing comes after the @");
    }
    if email
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>\"(),;:\\[]".contains(c))
    {
        return Some("it has a space or one of < > \" ( ) , ; : \\ [ ]");
    }
    None
}

/// The one-line refusal of `email`, `why` from [`email_problem`].
pub fn bad_email(email: &str, why: &str) -> String {
    format!("\"{email}\" is not an e-mail address: {why}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_turkish_i_in_upper_case_is_the_same_name() {
        assert!(same_name("AYŞE YILMAZ", "Ayşe Yılmaz"));
        assert!(same_name("İpek", "ipek"));
        assert!(same_name("emre çelik", "Emre Çelik"));
        assert!(!same_name("Sule", "Şule"));
    }

    #[test]
    fn a_name_with_diacritics_sorts_beside_its_base_letter() {
        let mut names = vec!["Zoë Laurent", "Şule Öztürk", "Rosa", "Tom"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, ["Rosa", "Şule Öztürk", "Tom", "Zoë Laurent"]);
    }

    #[test]
    fn an_address_needs_one_at_with_something_each_side() {
        assert_eq!(email_problem("notanemail"), Some("it has no @"));
        assert_eq!(email_problem("a@b@c"), Some("it has more than one @"));
        assert_eq!(email_problem("@b.org"), Some("nothing comes before the @"));
        assert_eq!(email_problem("a@"), Some("nothing comes after the @"));
        assert!(email_problem("a b@c.org").is_some());
        assert_eq!(email_problem("ana@bakery.example"), None);
    }
}
