//! Runs )INIT, )REINIT and )PROC statements against the variable pools
//! and collects the control variables (.MSG, .CURSOR, .HELP, .RESP,
//! .ZVARS, .TRAIL, .ATTR) the display cycle acts on.

use super::panel::{CmpOp, Cond, Expr, Stmt, Target, TruncBy, Ver, VerKind};
use super::vars::{Env, substitute};

/// Which section runs: in )INIT and )REINIT the first .MSG/.CURSOR wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Init,
    Reinit,
    Proc,
}

/// A message requested by a statement, with values for its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MsgReq {
    pub id: String,
    pub subs: Vec<(String, String)>,
}

/// Control variables after a section ran.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Controls {
    pub msg: Option<MsgReq>,
    pub cursor: Option<String>,
    pub help: Option<String>,
    pub resp: Option<String>,
    pub zvars: Option<Vec<String>>,
    pub alarm: bool,
    pub trail: String,
    /// .ATTR(field) overrides for the next display.
    pub attrs: Vec<(String, String)>,
    /// The PF key of this interaction (`PF03`), readable as `.PFKEY`.
    pub pfkey: String,
}

/// Run a section's statements.
pub fn run(stmts: &[Stmt], env: &mut Env, c: &mut Controls, section: Section) {
    let _ = block(stmts, env, c, section);
}

/// Returns false after EXIT.
fn block(stmts: &[Stmt], env: &mut Env, c: &mut Controls, section: Section) -> bool {
    for s in stmts {
        match s {
            Stmt::Assign { target, value, .. } => {
                let v = eval(value, env, c);
                assign(target, v, env, c, section);
            }
            Stmt::If { cond, then, els, .. } => {
                let ok = test(cond, env, c);
                let go = if ok { then } else { els };
                if !block(go, env, c, section) {
                    return false;
                }
            }
            Stmt::Ver(v) => {
                if let Some(m) = verify(v, env, c) {
                    if c.msg.is_none() {
                        c.msg = Some(m);
                    }
                    if c.cursor.is_none() {
                        c.cursor = Some(v.var.clone());
                    }
                }
            }
            Stmt::Vget { names, .. } => {
                for n in names {
                    if let Some(v) = env.profile.vars.get(n).cloned() {
                        env.func.set(n, v);
                    } else if let Some(v) = env.shared.get(n) {
                        let v = v.to_string();
                        env.func.set(n, v);
                    }
                }
            }
            Stmt::Vput { names, profile, .. } => {
                // The shared pool belongs to the app; VPUT SHARED keeps the
                // value in the function pool, which is what later panels of
                // the same dialog see.
                if *profile {
                    for n in names {
                        let v = env.get(n);
                        env.profile.vars.insert(n.clone(), v);
                    }
                }
            }
            Stmt::Refresh => {}
            Stmt::Exit => return false,
        }
    }
    true
}

fn assign(t: &Target, v: String, env: &mut Env, c: &mut Controls, section: Section) {
    let first_wins = section != Section::Proc;
    match t {
        Target::Var(n) => env.set(n, v),
        Target::Attr(f) => c.attrs.push((f.clone(), v)),
        Target::Control(n) => match n.as_str() {
            "MSG" => {
                if v.trim().is_empty() {
                    c.msg = None;
                } else if !(first_wins && c.msg.is_some()) {
                    c.msg = Some(MsgReq {
                        id: v.trim().to_ascii_uppercase(),
                        subs: Vec::new(),
                    });
                }
            }
            "CURSOR" if !(first_wins && c.cursor.is_some()) => c.cursor = Some(v.trim().to_ascii_uppercase()),
            "HELP" => c.help = Some(v.trim().to_ascii_uppercase()),
            "RESP" => c.resp = Some(v.trim().to_ascii_uppercase()),
            "ALARM" => c.alarm = v.trim().eq_ignore_ascii_case("YES"),
            "TRAIL" => c.trail = v,
            "ZVARS" => {
                let t = v.trim().trim_start_matches('(').trim_end_matches(')');
                c.zvars = Some(
                    t.split([' ', ','])
                        .filter(|s| !s.is_empty())
                        .map(|s| s.to_ascii_uppercase())
                        .collect(),
                );
            }
            _ => {}
        },
    }
}

pub fn eval(e: &Expr, env: &mut Env, c: &mut Controls) -> String {
    match e {
        Expr::Lit(s) => {
            let get = |n: &str| env.get(n);
            substitute(s, &get)
        }
        Expr::Var(n) => env.get(n),
        Expr::Control(n) => match n.as_str() {
            "MSG" => c.msg.as_ref().map(|m| m.id.clone()).unwrap_or_default(),
            "CURSOR" => c.cursor.clone().unwrap_or_default(),
            "HELP" => c.help.clone().unwrap_or_default(),
            "RESP" => c.resp.clone().unwrap_or_else(|| "ENTER".into()),
            "TRAIL" => c.trail.clone(),
            "PFKEY" => c.pfkey.clone(),
            "ALARM" => if c.alarm { "YES" } else { "NO" }.into(),
            _ => String::new(),
        },
        Expr::Trans { value, pairs, msg } => {
            let v = eval(value, env, c);
            let key = v.trim_end();
            for (m, r) in pairs {
                if m != "*" && m.trim_end() == key {
                    return eval(r, env, c);
                }
            }
            if let Some((_, r)) = pairs.iter().find(|(m, _)| m == "*") {
                if matches!(r, Expr::Lit(s) if s == "*") {
                    return v;
                }
                return eval(r, env, c);
            }
            if let Some(id) = msg
                && c.msg.is_none()
            {
                c.msg = Some(MsgReq {
                    id: id.clone(),
                    subs: vec![("VALUE".into(), v.clone())],
                });
            }
            String::new()
        }
        Expr::Trunc { value, by } => {
            let v = eval(value, env, c);
            match by {
                TruncBy::Len(n) => {
                    let head: String = v.chars().take(*n).collect();
                    c.trail = v.chars().skip(*n).collect();
                    head
                }
                TruncBy::Char(ch) => match v.split_once(*ch) {
                    Some((a, b)) => {
                        c.trail = b.to_string();
                        a.to_string()
                    }
                    None => {
                        c.trail = String::new();
                        v
                    }
                },
            }
        }
        Expr::Upper(x) => eval(x, env, c).to_uppercase(),
        Expr::Length(x) => eval(x, env, c).trim_end().chars().count().to_string(),
    }
}

fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.trim_end(), b.trim_end());
    match (a.trim().parse::<i64>(), b.trim().parse::<i64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

fn op_holds(op: CmpOp, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CmpOp::Eq => o == Equal,
        CmpOp::Ne => o != Equal,
        CmpOp::Gt => o == Greater,
        CmpOp::Lt => o == Less,
        CmpOp::Ge => o != Less,
        CmpOp::Le => o != Greater,
    }
}

fn test(cond: &Cond, env: &mut Env, c: &mut Controls) -> bool {
    match cond {
        Cond::And(a, b) => test(a, env, c) && test(b, env, c),
        Cond::Or(a, b) => test(a, env, c) || test(b, env, c),
        Cond::Ver(v) => verify(v, env, c).is_none(),
        Cond::Cmp { lhs, op, rhs } => {
            let l = eval(lhs, env, c);
            let vals: Vec<String> = rhs.iter().map(|r| eval(r, env, c)).collect();
            match op {
                // `IF (&A = x,y,z)`: equal to any; `NE x,y`: equal to none.
                CmpOp::Eq => vals.iter().any(|v| compare(&l, v).is_eq()),
                CmpOp::Ne => vals.iter().all(|v| !compare(&l, v).is_eq()),
                _ => vals.iter().any(|v| op_holds(*op, compare(&l, v))),
            }
        }
    }
}

/// Check one VER; `Some(message)` when it fails.
pub fn verify(v: &Ver, env: &mut Env, c: &mut Controls) -> Option<MsgReq> {
    let value = env.get(&v.var);
    let val = value.trim();
    let args: Vec<String> = v.args.iter().map(|a| eval(a, env, c)).collect();
    let fail = |id: &str, subs: Vec<(&str, String)>| {
        let mut subs: Vec<(String, String)> = subs.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        subs.push(("FIELD".into(), v.var.clone()));
        subs.push(("VALUE".into(), val.to_string()));
        Some(MsgReq {
            id: v.msg.clone().unwrap_or_else(|| id.to_string()),
            subs,
        })
    };
    if val.is_empty() {
        return if v.nb || v.kind == VerKind::NonBlank {
            fail("ICL650E", vec![])
        } else {
            None
        };
    }
    match v.kind {
        VerKind::NonBlank => None,
        VerKind::List => {
            if args.iter().any(|a| a.trim() == val) {
                None
            } else {
                fail("ICL651E", vec![("LIST", args.join(", "))])
            }
        }
        VerKind::ListX => {
            if args.iter().any(|a| a.trim() == val) {
                fail("ICL657E", vec![("LIST", args.join(", "))])
            } else {
                None
            }
        }
        VerKind::Num => {
            if val.chars().all(|c| c.is_ascii_digit()) {
                None
            } else {
                fail("ICL652E", vec![])
            }
        }
        VerKind::Range => {
            let (lo, hi) = (args[0].trim(), args[1].trim());
            match (val.parse::<i64>(), lo.parse::<i64>(), hi.parse::<i64>()) {
                (Ok(x), Ok(l), Ok(h)) if x >= l && x <= h => None,
                _ => fail("ICL653E", vec![("LOW", lo.to_string()), ("HIGH", hi.to_string())]),
            }
        }
        VerKind::Alpha => {
            if val
                .chars()
                .all(|c| c.is_ascii_alphabetic() || matches!(c, '#' | '$' | '@'))
            {
                None
            } else {
                fail("ICL658E", vec![])
            }
        }
        VerKind::Name => {
            if crate::dasd::names::valid_member(&val.to_ascii_uppercase()) {
                None
            } else {
                fail("ICL654E", vec![])
            }
        }
        VerKind::Dsname => match dsname_problem(val) {
            None => None,
            Some(why) => fail("ICL655E", vec![("WHY", why)]),
        },
        VerKind::DsnameF => {
            let m = val.trim_matches('\'').to_ascii_uppercase();
            match crate::catalog::Mask::parse(&m) {
                Ok(_) => None,
                Err(e) => fail("ICL655E", vec![("WHY", e.text)]),
            }
        }
        VerKind::Len => {
            let n: usize = args[1].trim().parse().unwrap_or(0);
            let len = val.chars().count();
            let op = match args[0].trim().to_ascii_uppercase().as_str() {
                "EQ" | "=" => CmpOp::Eq,
                "NE" => CmpOp::Ne,
                "GT" | ">" => CmpOp::Gt,
                "LT" | "<" => CmpOp::Lt,
                "GE" | "NL" => CmpOp::Ge,
                _ => CmpOp::Le,
            };
            if op_holds(op, len.cmp(&n)) {
                None
            } else {
                fail(
                    "ICL656E",
                    vec![("OP", args[0].trim().to_string()), ("LEN", n.to_string())],
                )
            }
        }
        VerKind::Pict => {
            let pict = args[0].as_str();
            let ok = pict.chars().count() == val.chars().count()
                && pict.chars().zip(val.chars()).all(|(p, ch)| match p {
                    'C' => true,
                    'A' => ch.is_ascii_alphabetic() || matches!(ch, '#' | '$' | '@'),
                    'N' | '9' => ch.is_ascii_digit(),
                    'X' => ch.is_ascii_hexdigit(),
                    other => other == ch,
                });
            if ok {
                None
            } else {
                fail("ICL659E", vec![("PICT", pict.to_string())])
            }
        }
    }
}

/// ISPF DSNAME: a data set name, optionally quoted, optionally with a
/// member in parentheses.
fn dsname_problem(v: &str) -> Option<String> {
    let v = v.trim();
    let v = v
        .strip_prefix('\'')
        .map(|x| x.strip_suffix('\'').unwrap_or(x))
        .unwrap_or(v);
    let up = v.to_ascii_uppercase();
    let (dsn, member) = match up.split_once('(') {
        Some((d, m)) => match m.strip_suffix(')') {
            Some(m) => (d.to_string(), Some(m.to_string())),
            None => return Some("the member name needs a closing parenthesis".into()),
        },
        None => (up, None),
    };
    if let Some(p) = crate::dasd::names::dsn_problem(&dsn) {
        return Some(p);
    }
    if let Some(m) = member
        && !crate::dasd::names::valid_member(&m)
    {
        return Some(format!("member name {m} is invalid"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::panel::parse_panel;
    use crate::tui::vars::{Profile, Vars};

    fn run_proc(src: &str, vars: &[(&str, &str)]) -> (Vars, Controls) {
        let text = format!(")BODY\n%x\n)PROC\n{src})END\n");
        let p = parse_panel("T", "T.pnl", &text).unwrap();
        let mut func = Vars::new();
        for (k, v) in vars {
            func.set(k, *v);
        }
        let shared = Vars::new();
        let mut profile = Profile::default();
        let mut c = Controls::default();
        run(
            &p.proc_,
            &mut Env {
                func: &mut func,
                shared: &shared,
                profile: &mut profile,
            },
            &mut c,
            Section::Proc,
        );
        (func, c)
    }

    #[test]
    fn menu_selection() {
        let src = " &ZSEL = TRANS(TRUNC(&ZCMD,'.') 1,'PGM(SYS)' 3,'PGM(DSL) PARM(&ZCMD)' X,EXIT ' ',' ' *,'?')\n";
        let (v, c) = run_proc(src, &[("ZCMD", "3.4")]);
        assert_eq!(v.val("ZSEL"), "PGM(DSL) PARM(3.4)");
        assert_eq!(c.trail, "4");
        let (v, _) = run_proc(src, &[("ZCMD", "9")]);
        assert_eq!(v.val("ZSEL"), "?");
        let (v, _) = run_proc(src, &[("ZCMD", "")]);
        assert_eq!(v.val("ZSEL"), " ");
    }

    #[test]
    fn ver_failures_set_msg_and_cursor_once() {
        let src = " VER (&A,NB,NUM)\n VER (&B,NB,LIST,Y,N,MSG=XYZ999E)\n";
        let (_, c) = run_proc(src, &[("A", "12x"), ("B", "Q")]);
        assert_eq!(c.msg.unwrap().id, "ICL652E");
        assert_eq!(c.cursor.as_deref(), Some("A"));
        let (_, c) = run_proc(src, &[("A", "12"), ("B", "Q")]);
        assert_eq!(c.msg.unwrap().id, "XYZ999E");
        let (_, c) = run_proc(src, &[("A", "12"), ("B", "N")]);
        assert!(c.msg.is_none());
    }

    #[test]
    fn ver_kinds() {
        let cases = [
            ("RANGE,1,10", "7", true),
            ("RANGE,1,10", "11", false),
            ("NAME", "DFSPB01", true),
            ("NAME", "1BAD", false),
            ("DSNAME", "IMSP.PROCLIB(DFSPB01)", true),
            ("DSNAME", "IMSP..X", false),
            ("DSNAMEF", "IMSP.**", true),
            ("LEN,LE,4", "IMSP", true),
            ("LEN,LE,4", "IMSPX", false),
            ("PICT,'ANN'", "A12", true),
            ("PICT,'ANN'", "AB2", false),
            ("LISTX,IMSP", "IMSP", false),
            ("ALPHA", "ABC", true),
        ];
        for (kind, val, ok) in cases {
            let (_, c) = run_proc(&format!(" VER (&A,{kind})\n"), &[("A", val)]);
            assert_eq!(c.msg.is_none(), ok, "{kind} {val}: {:?}", c.msg);
        }
    }

    #[test]
    fn if_and_compare() {
        let src = " IF (&N GT 9)\n   &R = BIG\n ELSE\n   &R = SMALL\n IF (&S = A,B AND &N NE 0)\n   &T = YES\n";
        let (v, _) = run_proc(src, &[("N", "10"), ("S", "B")]);
        assert_eq!((v.val("R"), v.val("T")), ("BIG", "YES"));
        let (v, _) = run_proc(src, &[("N", "9"), ("S", "C")]);
        assert_eq!((v.val("R"), v.val("T")), ("SMALL", ""));
    }

    #[test]
    fn trans_msg_and_keep() {
        let (v, c) = run_proc(
            " &A = TRANS(&B Y,YES N,NO MSG=ICL651E)\n &C = TRANS(&B Y,YES *,*)\n",
            &[("B", "Q")],
        );
        assert_eq!(v.val("A"), "");
        assert_eq!(v.val("C"), "Q");
        assert_eq!(c.msg.unwrap().id, "ICL651E");
    }

    #[test]
    fn exit_and_controls() {
        let (v, c) = run_proc(
            " .CURSOR = B\n .HELP = ICLH0000\n .ZVARS = '(A B)'\n EXIT\n &X = 1\n",
            &[],
        );
        assert_eq!(v.val("X"), "");
        assert_eq!(c.cursor.as_deref(), Some("B"));
        assert_eq!(c.zvars, Some(vec!["A".into(), "B".into()]));
    }
}
