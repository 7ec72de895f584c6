//! Fuzzes the list query decoder behind the home page and `GET /api/v1/adrs`: any query
//! string reads or is refused naming a field, and a query that reads survives its own
//! pagination links.
#![no_main]

use app::model::query::ListQuery;

fn decode(query: &[u8]) -> Result<ListQuery, app::model::error::FieldError> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query).into_owned().collect();
    ListQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(query) = decode(data) {
        let link = query.to_query_string(query.offset);
        assert_eq!(decode(link.as_bytes()).ok(), Some(query));
    }
});
