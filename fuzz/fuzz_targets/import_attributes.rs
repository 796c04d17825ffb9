//! Participants tables (CSV and XLSX) read into cases and typed attributes of an empty project.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use margin::import::{attributes_from_table, table_from_bytes};
use margin::model::Project;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((choice, file)) = common::split(data, 2) else {
        return;
    };
    let path = Path::new(if choice == 0 { "fuzz.csv" } else { "fuzz.xlsx" });
    let table = match table_from_bytes(file, path) {
        Ok(t) => t,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let mut project = Project::new(margin::model::Manifest::new("fuzz"));
    match attributes_from_table(&table, path, &project) {
        // The edit it builds applies to the project it was built for.
        Ok(import) => {
            project
                .apply(import.edit)
                .expect("the attribute edit applies");
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
