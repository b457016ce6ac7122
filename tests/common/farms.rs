//! Building test farms.

use std::path::Path;

use imsclone::farm::Farm;
use imsclone::farm::sample::{self, source};

/// The default sample farm, materialized at `dir`.
pub fn default_farm(dir: &Path) -> Farm {
    let src = source::Embedded::named("default").unwrap();
    let text = String::from_utf8(source::SampleSource::read(&src, "sample.toml").unwrap()).unwrap();
    let spec = sample::spec::SampleSpec::parse(&text, "default").unwrap();
    sample::materialize(&spec, &src, dir).unwrap()
}
