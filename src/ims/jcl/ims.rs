//! IMS facts read from JCL: region type, program, PSB or DBD, IMSID.
//!
//! IMS regions run `PGM=DFSRRC00` with a positional PARM whose first field
//! is the region type (DLI, DBB, BMP, MSG, IFP, JMP, JBP, ULU, UDR...), the
//! second the program (application or utility), the third the PSB (for ULU
//! and UDR utilities: the DBD). The control region and its address spaces
//! run `PGM=DFSMVRC0` with `PARM='CTL,suffix,...'`, `'DRC,imsid'`,
//! `'DLS,imsid'`. IMSID sits at a fixed PARM position that depends on the
//! region type (positions taken from IBM's procedures: DLIBATCH/DBBBATCH
//! and the utility procedures 12, IMSBATCH 14, DFSMPR 10, DFSJMP 8); an
//! `IMSID=` keyword on the EXEC (a procedure call) wins.

use super::model::Step;

/// What an IMS step runs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImsRegion {
    /// The program executed (DFSRRC00, DFSMVRC0).
    pub exec_program: String,
    /// Region type: first PARM field, upper case.
    pub region_type: String,
    /// Application or utility program (second PARM field of DFSRRC00).
    pub program: Option<String>,
    /// PSB name, or the DBD name for ULU/UDR utilities.
    pub psb_or_dbd: Option<String>,
    /// IMSID from an IMSID= keyword or its PARM position.
    pub imsid: Option<String>,
    /// The control region's DFSPBxxx suffix (`CTL,suffix`).
    pub rgsuf: Option<String>,
    /// PARM fields (outer quotes and parentheses removed).
    pub parm_fields: Vec<String>,
}

/// Split a PARM value into its positional fields: outer apostrophes or
/// parentheses removed, commas inside nested parentheses or quotes kept.
pub fn parm_fields(parm: &str) -> Vec<String> {
    let mut s = parm.trim();
    let quoted = s.len() >= 2 && s.starts_with('\'') && s.ends_with('\'');
    let owned;
    if quoted {
        owned = s[1..s.len() - 1].replace("''", "'");
        s = &owned;
    } else if s.len() >= 2 && s.starts_with('(') && s.ends_with(')') {
        s = &s[1..s.len() - 1];
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut q = false;
    for c in s.chars() {
        match c {
            '\'' => q = !q,
            '(' if !q => depth += 1,
            ')' if !q => depth -= 1,
            ',' if !q && depth <= 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

/// 1-based PARM position of IMSID for a DFSRRC00 region type.
pub fn imsid_position(region_type: &str) -> Option<usize> {
    match region_type {
        "DLI" | "DBB" | "ULU" | "UDR" => Some(12),
        "BMP" => Some(14),
        "MSG" => Some(10),
        "JMP" => Some(8),
        _ => None,
    }
}

fn nonempty(s: Option<&String>) -> Option<String> {
    s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

impl Step {
    /// IMS region facts when the step runs DFSRRC00 or DFSMVRC0 (resolve
    /// symbols first with [`Step::resolved`] to see symbolic values).
    pub fn ims_region(&self) -> Option<ImsRegion> {
        let pgm = self.pgm.as_deref()?.to_ascii_uppercase();
        if pgm != "DFSRRC00" && pgm != "DFSMVRC0" {
            return None;
        }
        let fields = self.parm.as_deref().map(parm_fields).unwrap_or_default();
        let region_type = fields
            .first()
            .map(|f| f.trim().to_ascii_uppercase())
            .unwrap_or_default();
        let keyword_imsid = self.keyword("IMSID").map(str::to_string).filter(|v| !v.is_empty());
        let mut r = ImsRegion {
            exec_program: pgm.clone(),
            region_type: region_type.clone(),
            program: None,
            psb_or_dbd: None,
            imsid: None,
            rgsuf: None,
            parm_fields: fields.clone(),
        };
        if pgm == "DFSRRC00" {
            r.program = nonempty(fields.get(1)).filter(|_| !matches!(region_type.as_str(), "MSG" | "IFP" | "JMP"));
            r.psb_or_dbd = nonempty(fields.get(2)).filter(|_| r.program.is_some());
            r.imsid = keyword_imsid.or_else(|| imsid_position(&region_type).and_then(|p| nonempty(fields.get(p - 1))));
        } else {
            match region_type.as_str() {
                "CTL" => r.rgsuf = nonempty(fields.get(1)),
                _ => r.imsid = keyword_imsid.clone().or_else(|| nonempty(fields.get(1))),
            }
            if r.imsid.is_none() {
                r.imsid = keyword_imsid;
            }
        }
        Some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(pgm: &str, parm: &str) -> Step {
        Step {
            pgm: Some(pgm.into()),
            parm: Some(parm.into()),
            ..Step::default()
        }
    }

    #[test]
    fn fields() {
        assert_eq!(parm_fields("'DLI,A,B,,N'"), vec!["DLI", "A", "B", "", "N"]);
        assert_eq!(
            parm_fields("(MSG,001,'X,Y',(A,B))"),
            vec!["MSG", "001", "'X,Y'", "(A,B)"]
        );
        assert_eq!(parm_fields("CTL"), vec!["CTL"]);
    }

    #[test]
    fn regions() {
        let r = step("DFSRRC00", "(ULU,DFSURGU0,DBPAUTP0)").ims_region().unwrap();
        assert_eq!(
            (r.region_type.as_str(), r.program.as_deref(), r.psb_or_dbd.as_deref()),
            ("ULU", Some("DFSURGU0"), Some("DBPAUTP0"))
        );
        let r = step("DFSRRC00", "'DLI,PGM1,PSB1,,,,,,,,,IMSP,,N'")
            .ims_region()
            .unwrap();
        assert_eq!(r.imsid.as_deref(), Some("IMSP"));
        let r = step("DFSRRC00", "(MSG,001000000000,N0000000000,,,,,,,IMSA)")
            .ims_region()
            .unwrap();
        assert_eq!((r.program, r.imsid.as_deref()), (None, Some("IMSA")));
        let r = step("DFSMVRC0", "'CTL,IMP,,'").ims_region().unwrap();
        assert_eq!(r.rgsuf.as_deref(), Some("IMP"));
        let r = step("DFSMVRC0", "'DRC,IMSP'").ims_region().unwrap();
        assert_eq!(r.imsid.as_deref(), Some("IMSP"));
        assert!(step("IEFBR14", "").ims_region().is_none());
        let mut s = step("DFSRRC00", "'BMP,P,S'");
        s.keywords.push(("IMSID".into(), "IMSX".into()));
        assert_eq!(s.ims_region().unwrap().imsid.as_deref(), Some("IMSX"));
    }
}
