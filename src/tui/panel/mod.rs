//! The panel language: a documented subset of the ISPF panel definition
//! language (`docs/panels.md`). `parse` turns a `.pnl` file into a
//! [`Panel`]; `stmt` parses the )INIT/)REINIT/)PROC statements;
//! `library` finds panels (config directory first, then the copies built
//! into the binary). Interpretation lives in `tui::interp`, layout in
//! `tui::layout`.

pub mod library;
pub mod parse;
pub mod stmt;

use std::collections::BTreeMap;
use std::fmt;

pub use library::PanelLibrary;
pub use parse::parse_panel;

/// A parsed panel.
#[derive(Debug, Clone)]
pub struct Panel {
    /// Panel name (the file name without `.pnl`, upper case).
    pub name: String,
    /// Where it came from (a path or `built-in NAME.pnl`), for messages.
    pub origin: String,
    /// `)PANEL` was present: CUA behaviour (CANCEL/EXIT on F12/F3).
    pub cua: bool,
    pub keylist: Option<String>,
    /// Attribute characters, defaults included.
    pub attrs: BTreeMap<char, Attr>,
    pub body: Body,
    pub model: Option<Model>,
    pub init: Vec<Stmt>,
    pub reinit: Vec<Stmt>,
    pub proc_: Vec<Stmt>,
    /// `)HELP`: field name → help panel.
    pub help: Vec<(String, String)>,
}

/// Basic field kind of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Input,
    Output,
    /// A dynamic area filled by the dialog (browse data).
    Area,
}

/// CUA attribute types (ISPF-PANELS.md §4.2); each maps to a theme role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CuaType {
    Ab,
    Absl,
    Cef,
    Ch,
    Ct,
    Dt,
    Ee,
    Et,
    Fp,
    Lef,
    Li,
    Lid,
    Nef,
    Nt,
    Pin,
    Ps,
    Pt,
    Rp,
    Sac,
    Si,
    Suc,
    Voi,
    Wasl,
    Wt,
}

impl CuaType {
    pub const ALL: [CuaType; 24] = [
        CuaType::Ab,
        CuaType::Absl,
        CuaType::Cef,
        CuaType::Ch,
        CuaType::Ct,
        CuaType::Dt,
        CuaType::Ee,
        CuaType::Et,
        CuaType::Fp,
        CuaType::Lef,
        CuaType::Li,
        CuaType::Lid,
        CuaType::Nef,
        CuaType::Nt,
        CuaType::Pin,
        CuaType::Ps,
        CuaType::Pt,
        CuaType::Rp,
        CuaType::Sac,
        CuaType::Si,
        CuaType::Suc,
        CuaType::Voi,
        CuaType::Wasl,
        CuaType::Wt,
    ];

    /// The keyword as written in TYPE(...) and as the theme role name (lower case).
    pub fn keyword(self) -> &'static str {
        match self {
            CuaType::Ab => "AB",
            CuaType::Absl => "ABSL",
            CuaType::Cef => "CEF",
            CuaType::Ch => "CH",
            CuaType::Ct => "CT",
            CuaType::Dt => "DT",
            CuaType::Ee => "EE",
            CuaType::Et => "ET",
            CuaType::Fp => "FP",
            CuaType::Lef => "LEF",
            CuaType::Li => "LI",
            CuaType::Lid => "LID",
            CuaType::Nef => "NEF",
            CuaType::Nt => "NT",
            CuaType::Pin => "PIN",
            CuaType::Ps => "PS",
            CuaType::Pt => "PT",
            CuaType::Rp => "RP",
            CuaType::Sac => "SAC",
            CuaType::Si => "SI",
            CuaType::Suc => "SUC",
            CuaType::Voi => "VOI",
            CuaType::Wasl => "WASL",
            CuaType::Wt => "WT",
        }
    }

    pub fn from_keyword(s: &str) -> Option<CuaType> {
        CuaType::ALL.into_iter().find(|t| t.keyword().eq_ignore_ascii_case(s))
    }

    /// Entry fields take input, list items and variable output are output,
    /// the rest is text.
    pub fn kind(self) -> FieldKind {
        match self {
            CuaType::Cef | CuaType::Nef | CuaType::Lef | CuaType::Ee => FieldKind::Input,
            CuaType::Voi | CuaType::Li | CuaType::Lid => FieldKind::Output,
            _ => FieldKind::Text,
        }
    }
}

/// How a field looks: a CUA type (colours from the theme only) or a basic
/// type with ISPF's intensity/colour/highlight keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Cua(CuaType),
    Basic {
        high: bool,
        color: Option<Color3270>,
        hilite: Option<Hilite>,
    },
}

/// The seven 3270 colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Color3270 {
    Blue,
    Red,
    Pink,
    Green,
    Turq,
    Yellow,
    White,
}

impl Color3270 {
    pub const ALL: [Color3270; 7] = [
        Color3270::Blue,
        Color3270::Red,
        Color3270::Pink,
        Color3270::Green,
        Color3270::Turq,
        Color3270::Yellow,
        Color3270::White,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Color3270::Blue => "blue",
            Color3270::Red => "red",
            Color3270::Pink => "pink",
            Color3270::Green => "green",
            Color3270::Turq => "turq",
            Color3270::Yellow => "yellow",
            Color3270::White => "white",
        }
    }

    pub fn from_name(s: &str) -> Option<Color3270> {
        Color3270::ALL.into_iter().find(|c| c.name().eq_ignore_ascii_case(s))
    }

    /// ISPF: COLOR without INTENS implies LOW for blue, green and turquoise.
    pub fn implies_high(self) -> bool {
        !matches!(self, Color3270::Blue | Color3270::Green | Color3270::Turq)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hilite {
    Uscore,
    Blink,
    Reverse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Just {
    Left,
    Right,
    Asis,
}

/// One attribute character's definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    pub kind: FieldKind,
    pub look: Look,
    /// INTENS(NON): the value is not shown (passwords).
    pub hidden: bool,
    pub caps: Option<bool>,
    pub just: Option<Just>,
    /// PAD: shown in every unused position.
    pub pad: Option<char>,
    /// PADC: shown only while the field is blank.
    pub padc: Option<char>,
    pub skip: bool,
    pub numeric: bool,
    /// Dynamic area grows to fill the screen (EXTEND(ON)).
    pub extend: bool,
}

impl Attr {
    pub fn basic(kind: FieldKind, high: bool) -> Attr {
        Attr {
            kind,
            look: Look::Basic {
                high,
                color: None,
                hilite: None,
            },
            hidden: false,
            caps: None,
            just: None,
            pad: None,
            padc: None,
            skip: false,
            numeric: false,
            extend: false,
        }
    }

    pub fn is_input(&self) -> bool {
        self.kind == FieldKind::Input
    }
}

/// `)BODY` options.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BodyOpts {
    /// CMD(f): `None` = first input field, `Some("")` = no command field.
    pub cmd: Option<String>,
    pub smsg: Option<String>,
    pub lmsg: Option<String>,
    /// WINDOW(w,d): shown as a pop-up of this size.
    pub window: Option<(u16, u16)>,
    /// WIDTH(n); `None` with `screen_width` = WIDTH(&ZSCREENW).
    pub width: Option<u16>,
    pub screen_width: bool,
    /// EXPAND(xy).
    pub expand: Option<(char, char)>,
    pub asis: bool,
}

/// One line of the body or model as coded, with its file line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SrcLine {
    pub text: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub opts: BodyOpts,
    pub lines: Vec<SrcLine>,
}

/// `)MODEL`: one model set per table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    pub clear: Vec<String>,
    pub rows_scan: bool,
    pub lines: Vec<SrcLine>,
}

/// A position in a panel file (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// A statement of )INIT, )REINIT or )PROC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stmt {
    Assign {
        target: Target,
        value: Expr,
        pos: Pos,
    },
    If {
        cond: Cond,
        then: Vec<Stmt>,
        els: Vec<Stmt>,
        pos: Pos,
    },
    Ver(Ver),
    /// VGET (names) PROFILE|SHARED|ASIS.
    Vget {
        names: Vec<String>,
        pos: Pos,
    },
    /// VPUT (names) PROFILE|SHARED.
    Vput {
        names: Vec<String>,
        profile: bool,
        pos: Pos,
    },
    /// REFRESH(names): accepted; every redisplay refreshes every field.
    Refresh,
    Exit,
}

/// Where an assignment goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `&NAME`
    Var(String),
    /// `.CURSOR`, `.MSG`, `.HELP`, `.RESP`, `.ZVARS`, `.ALARM`, `.TRAIL`
    Control(String),
    /// `.ATTR(field)` = 'KEYWORD(value) ...'
    Attr(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A literal; `&VAR` inside a quoted literal is substituted when evaluated.
    Lit(String),
    Var(String),
    Control(String),
    Trans {
        value: Box<Expr>,
        /// (match value, result); `*` as match value = anything else.
        pairs: Vec<(String, Expr)>,
        msg: Option<String>,
    },
    Trunc {
        value: Box<Expr>,
        by: TruncBy,
    },
    Upper(Box<Expr>),
    Length(Box<Expr>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TruncBy {
    Len(usize),
    Char(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cond {
    Cmp { lhs: Expr, op: CmpOp, rhs: Vec<Expr> },
    Ver(Box<Ver>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

/// VER (&VAR[,NB],kind[,args][,MSG=id]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ver {
    pub var: String,
    pub nb: bool,
    pub kind: VerKind,
    pub args: Vec<Expr>,
    pub msg: Option<String>,
    pub pos: Pos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerKind {
    /// NB alone.
    NonBlank,
    List,
    ListX,
    Num,
    Range,
    Alpha,
    Name,
    Dsname,
    /// DSNAMEF: data set name with `*`, `**` and `%` (a filter mask).
    DsnameF,
    Len,
    Pict,
}

impl VerKind {
    pub fn from_keyword(s: &str) -> Option<VerKind> {
        Some(match s.to_ascii_uppercase().as_str() {
            "LIST" => VerKind::List,
            "LISTX" => VerKind::ListX,
            "NUM" => VerKind::Num,
            "RANGE" => VerKind::Range,
            "ALPHA" => VerKind::Alpha,
            "NAME" => VerKind::Name,
            "DSNAME" => VerKind::Dsname,
            "DSNAMEF" => VerKind::DsnameF,
            "LEN" => VerKind::Len,
            "PICT" => VerKind::Pict,
            _ => return None,
        })
    }
}

/// An error in a panel file: ID, file, line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelError {
    pub id: &'static str,
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub text: String,
}

impl fmt::Display for PanelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} line {} column {}: {}",
            self.id, self.file, self.line, self.col, self.text
        )
    }
}

impl From<PanelError> for crate::IclError {
    fn from(e: PanelError) -> Self {
        crate::IclError::new(e.id, format!("{} line {} column {}: {}", e.file, e.line, e.col, e.text))
    }
}

/// Characters that may make up a variable name (ISPF: A-Z 0-9 # $ @).
pub fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '#' | '$' | '@')
}

/// Is this a valid variable name: 1-8 name characters, not starting with a digit?
pub fn valid_var_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 8 && s.chars().all(is_name_char) && !s.starts_with(|c: char| c.is_ascii_digit())
}
