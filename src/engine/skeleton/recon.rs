//! The skeleton's RECON: every definition of the source (databases,
//! partitions with their IDs, data sets, areas, CA groups, OLDS) under the
//! new names, and none of its history: the skeleton's databases are empty,
//! so image copies, allocations, reorganisations, recoveries, change
//! accumulations and archived logs of production would describe data the
//! skeleton does not have (a recovery would restore production's data).

use crate::ims::recon::Recon;
use crate::ims::recon::logs::OldsStatus;

/// Drop the history; one line per kind of record dropped, for the preview.
pub fn strip_history(r: &mut Recon) -> Vec<String> {
    let (mut allocs, mut images, mut reorgs, mut recovs, mut auths) = (0, 0, 0, 0, 0);
    for db in r.dbs.values_mut() {
        auths += db.auth.len();
        db.auth.clear();
        db.backout_needed = false;
        db.prohibit_auth = false;
        for d in &mut db.dbds {
            allocs += d.allocs.len();
            images += d.images.len();
            reorgs += d.reorgs.len();
            recovs += d.recovs.len();
            d.allocs.clear();
            d.images.clear();
            d.reorgs.clear();
            d.recovs.clear();
            d.ic_needed = false;
            d.ic_recommended = false;
            d.recov_needed = false;
            d.receive_needed = false;
            d.dssn = 0;
        }
    }
    let cas: usize = r.ca_groups.values().map(|g| g.cas.len()).sum();
    for g in r.ca_groups.values_mut() {
        g.cas.clear();
    }
    let logs = r.logs.len();
    r.logs.clear();
    let subsys = r.subsystems.len();
    r.subsystems.clear();
    let backouts = r.backouts.len();
    r.backouts.clear();
    let mut olds = 0;
    for o in &mut r.olds {
        for e in &mut o.entries {
            if e.status != OldsStatus::Avail || e.start.is_some() {
                olds += 1;
            }
            e.status = OldsStatus::Avail;
            e.start = None;
            e.stop = None;
        }
    }
    let mut out = Vec::new();
    let mut say = |n: usize, what: &str| {
        if n > 0 {
            out.push(format!("HISTORY  {n} {what} dropped"));
        }
    };
    say(images, "IMAGE records");
    say(allocs, "ALLOC records");
    say(reorgs, "REORG records");
    say(recovs, "RECOV records");
    say(cas, "CA records");
    say(logs, "PRILOG/SECLOG/PRISLD/SECSLD records");
    say(subsys, "SSYS records");
    say(backouts, "BACKOUT records");
    say(auths, "database authorizations");
    if olds > 0 {
        out.push(format!("OLDS     {olds} online log data sets set AVAIL"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ims::recon::ReconTime;

    #[test]
    fn history_goes_definitions_stay() {
        let clock = ReconTime::from_tenths(40_000_000_000);
        let (r, rep) = crate::ims::dbrc::run_stream(None, clock, include_str!("../../ims/dbrc/testdata/imsp.sysin"));
        assert_eq!(rep.highest_cc, 0, "{}", rep.text());
        let mut r = r.unwrap();
        let before = r.clone();
        assert!(!r.dbds("CUSTDB", "CUSTDD1").unwrap().images.is_empty());
        assert!(!r.logs.is_empty());
        let lines = strip_history(&mut r);
        assert!(lines.iter().any(|l| l.contains("IMAGE records")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("PRILOG")), "{lines:?}");
        let ds = r.dbds("CUSTDB", "CUSTDD1").unwrap();
        assert!(ds.images.is_empty() && ds.allocs.is_empty());
        assert_eq!(ds.dsn, before.dbds("CUSTDB", "CUSTDD1").unwrap().dsn);
        assert!(r.logs.is_empty() && r.subsystems.is_empty());
        // Definitions stay: every DB, partition ID and data set.
        assert_eq!(r.dbs.keys().collect::<Vec<_>>(), before.dbs.keys().collect::<Vec<_>>());
        assert_eq!(r.partition_ids("ACCTHDB"), before.partition_ids("ACCTHDB"));
        assert_eq!(r.olds.len(), before.olds.len());
        // Nothing left to drop the second time.
        assert!(strip_history(&mut r).is_empty());
    }
}
