//! Fuzzes the decoders of posted forms, from the urlencoded bytes a browser sends: the ADR
//! form (which must survive a trip through its document) and the assessment forms.
#![no_main]

use app::model::form::AdrForm;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(data).into_owned().collect();
    let form = AdrForm::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let document = form.to_document();
    assert_eq!(AdrForm::from_document(&document).to_document(), document);
    let _ = app::ssr::assessment_forms::parse(&pairs);
    let _ = app::model::scoring::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
});
