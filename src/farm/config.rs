//! `farm.toml`: the device table, SMS storage groups, the master catalog
//! and the registered IMS subsystems.

use serde::{Deserialize, Serialize};

use crate::{Result, icl, icl_bail};

/// The whole `farm.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FarmConfig {
    pub farm: FarmSection,
    #[serde(default, rename = "storage_group")]
    pub storage_groups: Vec<StorageGroup>,
    #[serde(default, rename = "device")]
    pub devices: Vec<Device>,
    #[serde(default, rename = "subsystem")]
    pub subsystems: Vec<Subsystem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FarmSection {
    pub name: String,
    /// Name of the master catalog data set.
    pub master_catalog: String,
    /// VOLSER of the volume holding it.
    pub master_catalog_volume: String,
}

/// An SMS storage group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageGroup {
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// One DASD device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Device {
    /// Device number, four hex digits (`0A80`).
    pub devnum: String,
    /// Image file, relative to the farm root (`volumes/0A80.3390`).
    pub image: String,
    #[serde(default = "default_devtype")]
    pub devtype: String,
    #[serde(default = "yes")]
    pub online: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_group: Option<String>,
}

fn default_devtype() -> String {
    "3390".into()
}

fn yes() -> bool {
    true
}

/// A registered IMS subsystem (one control region; data-sharing members
/// name their group).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subsystem {
    pub imsid: String,
    /// Data-sharing group (system) name; a stand-alone IMS is its own group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// PROCLIB data set name.
    pub proclib: String,
    /// The DFSPBxxx member with the control region's parameters.
    pub dfspb: String,
}

impl Subsystem {
    pub fn group_name(&self) -> &str {
        self.group.as_deref().unwrap_or(&self.imsid)
    }
}

/// Is this a device number: four hex digits, upper case?
pub fn valid_devnum(d: &str) -> bool {
    d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
}

/// An IMSID: 1-4 characters, A-Z 0-9 $ # @, not starting with a digit.
pub fn valid_imsid(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && crate::dasd::names::valid_member(s)
}

impl FarmConfig {
    /// Parse `farm.toml` text (`ICL250E` on syntax, `ICL251E` on content).
    pub fn parse(text: &str, origin: &str) -> Result<FarmConfig> {
        let cfg: FarmConfig =
            toml::from_str(text).map_err(|e| icl!("ICL250E", "{origin}: {}", e.to_string().trim()))?;
        cfg.validate(origin)?;
        Ok(cfg)
    }

    pub fn to_toml(&self) -> Result<String> {
        let body = toml::to_string_pretty(self).map_err(|e| icl!("ICL250E", "cannot serialize farm.toml: {e}"))?;
        Ok(format!(
            "# imsclone farm: devices, SMS storage groups, catalogs and IMS subsystems\n\n{body}"
        ))
    }

    /// Check every name and reference.
    pub fn validate(&self, origin: &str) -> Result<()> {
        crate::dasd::names::check_dsn(&self.farm.master_catalog).map_err(|e| e.context(origin))?;
        crate::dasd::vol1::check_volser(&self.farm.master_catalog_volume).map_err(|e| e.context(origin))?;
        let mut seen = std::collections::HashSet::new();
        for sg in &self.storage_groups {
            if !crate::dasd::names::valid_member(&sg.name) {
                icl_bail!(
                    "ICL251E",
                    "{origin}: storage group name '{}' is invalid (1-8 characters)",
                    sg.name
                );
            }
            if !seen.insert(sg.name.clone()) {
                icl_bail!("ICL251E", "{origin}: storage group {} is defined twice", sg.name);
            }
        }
        let mut devs = std::collections::HashSet::new();
        for d in &self.devices {
            if !valid_devnum(&d.devnum) {
                icl_bail!(
                    "ICL251E",
                    "{origin}: device number '{}' is not four hex digits",
                    d.devnum
                );
            }
            if !devs.insert(d.devnum.clone()) {
                icl_bail!("ICL251E", "{origin}: device {} is defined twice", d.devnum);
            }
            if d.devtype != "3390" {
                icl_bail!(
                    "ICL251E",
                    "{origin}: device {} has type {} (only 3390 is supported)",
                    d.devnum,
                    d.devtype
                );
            }
            if let Some(sg) = &d.storage_group
                && !seen.contains(sg)
            {
                icl_bail!(
                    "ICL251E",
                    "{origin}: device {} names undefined storage group {sg}",
                    d.devnum
                );
            }
            super::paths::check_relative(&d.image).map_err(|e| e.context(format!("{origin}: device {}", d.devnum)))?;
        }
        let mut ids = std::collections::HashSet::new();
        for s in &self.subsystems {
            if !valid_imsid(&s.imsid) {
                icl_bail!("ICL251E", "{origin}: IMSID '{}' is invalid (1-4 characters)", s.imsid);
            }
            if !ids.insert(s.imsid.clone()) {
                icl_bail!("ICL251E", "{origin}: IMSID {} is registered twice", s.imsid);
            }
            if let Some(g) = &s.group
                && !valid_imsid(g)
            {
                icl_bail!("ICL251E", "{origin}: group name '{g}' is invalid (1-4 characters)");
            }
            crate::dasd::names::check_dsn(&s.proclib).map_err(|e| e.context(origin))?;
            crate::dasd::names::check_member(&s.dfspb).map_err(|e| e.context(origin))?;
        }
        Ok(())
    }

    pub fn device(&self, devnum: &str) -> Option<&Device> {
        self.devices.iter().find(|d| d.devnum.eq_ignore_ascii_case(devnum))
    }

    pub fn device_mut(&mut self, devnum: &str) -> Option<&mut Device> {
        self.devices.iter_mut().find(|d| d.devnum.eq_ignore_ascii_case(devnum))
    }

    /// Subsystems of a group (or the one subsystem with that IMSID).
    pub fn members_of(&self, name: &str) -> Vec<&Subsystem> {
        let by_group: Vec<&Subsystem> = self.subsystems.iter().filter(|s| s.group_name() == name).collect();
        if !by_group.is_empty() {
            return by_group;
        }
        self.subsystems.iter().filter(|s| s.imsid == name).collect()
    }

    /// Distinct system (group) names in registration order.
    pub fn systems(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in &self.subsystems {
            if !out.iter().any(|g| g == s.group_name()) {
                out.push(s.group_name().to_string());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[farm]
name = "t"
master_catalog = "CATALOG.MASTER"
master_catalog_volume = "MCAT01"

[[storage_group]]
name = "SGIMSP"

[[device]]
devnum = "0A80"
image = "volumes/0A80.3390"
storage_group = "SGIMSP"

[[subsystem]]
imsid = "IMP1"
group = "IMSP"
proclib = "IMSP.PROCLIB"
dfspb = "DFSPBMP1"
"#;

    #[test]
    fn parse_and_round_trip() {
        let c = FarmConfig::parse(GOOD, "farm.toml").unwrap();
        assert_eq!(c.devices[0].devtype, "3390");
        assert!(c.devices[0].online);
        assert_eq!(c.systems(), vec!["IMSP"]);
        assert_eq!(c.members_of("IMSP").len(), 1);
        assert_eq!(c.members_of("IMP1").len(), 1);
        let again = FarmConfig::parse(&c.to_toml().unwrap(), "x").unwrap();
        assert_eq!(again, c);
    }

    #[test]
    fn bad_configs() {
        for (bad, id) in [
            ("garbage = [", "ICL250E"),
            (&GOOD.replace("0A80\"", "XYZ\""), "ICL251E"),
            (&GOOD.replace("volumes/0A80.3390", "../escape.3390"), "ICL252E"),
            (&GOOD.replace("volumes/0A80.3390", "/etc/passwd"), "ICL252E"),
            (
                &GOOD.replace("storage_group = \"SGIMSP\"", "storage_group = \"NOPE\""),
                "ICL251E",
            ),
            (&GOOD.replace("IMP1", "TOOLONG"), "ICL251E"),
            (&GOOD.replace("name = \"t\"", "name = \"t\"\nbogus = 1"), "ICL250E"),
        ] {
            assert_eq!(FarmConfig::parse(bad, "farm.toml").unwrap_err().id, id, "{bad}");
        }
    }
}
