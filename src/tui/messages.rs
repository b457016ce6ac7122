//! The panel messages (ICL600-ICL699): short text for the title line,
//! long text for the message line, an explanation for HELP on a message.
//! `&NAME` in the texts takes values from the request, then from the
//! dialog's variables. `docs/messages.md` lists them all (a test keeps
//! the two in step).

use crate::msg::Severity;

/// A catalog entry.
#[derive(Debug, Clone, Copy)]
pub struct MsgDef {
    pub id: &'static str,
    pub short: &'static str,
    pub long: &'static str,
    pub help: &'static str,
}

macro_rules! m {
    ($id:literal, $short:literal, $long:literal, $help:literal) => {
        MsgDef {
            id: $id,
            short: $short,
            long: $long,
            help: $help,
        }
    };
}

/// Every ICL6xx message.
pub static CATALOG: &[MsgDef] = &[
    m!(
        "ICL600E",
        "Panel not found",
        "&TEXT",
        "A panel named by the application or by a PANEL() selection is neither in the config directory (panels/NAME.pnl) nor built into imsclone."
    ),
    m!(
        "ICL601E",
        "Panel definition error",
        "&TEXT",
        "A panel file breaks the rules of the imsclone panel language (docs/panels.md). The message names the file, line and column. Fix the file in the config directory or remove it to use the built-in panel."
    ),
    m!(
        "ICL603E",
        "Help panel missing",
        "Help panel &PANEL is not available: &TEXT",
        "The help (tutorial) panel named by .HELP or )HELP cannot be loaded."
    ),
    m!(
        "ICL604E",
        "Dialog not found",
        "&TEXT",
        "A menu selected PGM(NAME) with a name imsclone does not know. Check the )PROC of the menu panel."
    ),
    m!(
        "ICL610E",
        "Theme error",
        "&TEXT",
        "A theme file could not be used. The message names the file and the key. imsclone falls back to the ispf-classic theme."
    ),
    m!(
        "ICL611E",
        "Theme not found",
        "Theme &NAME not found; known themes: &KNOWN",
        "Theme names come from themes/NAME.toml in the config directory and the built-in themes ispf-classic, high-contrast and mono."
    ),
    m!(
        "ICL612E",
        "Key map error",
        "&TEXT",
        "keys.toml in the config directory could not be used; the message names the key. The default key map is used for the keys that could not be read."
    ),
    m!(
        "ICL614W",
        "Profile not saved",
        "&TEXT",
        "The profile (profile.toml in the config directory) could not be written; settings last for this session only."
    ),
    m!(
        "ICL615W",
        "Profile ignored",
        "&TEXT",
        "The profile could not be read; the session starts with default settings."
    ),
    m!(
        "ICL620E",
        "Invalid option",
        "Option &VALUE is not on this menu",
        "Type one of the option numbers or letters shown on the menu, or use =n to jump from any panel."
    ),
    m!(
        "ICL621E",
        "Invalid command",
        "Command &VALUE is not recognized on this panel",
        "Primary commands known everywhere: HELP END RETURN CANCEL UP DOWN LEFT RIGHT TOP BOTTOM RFIND RETRIEVE PANELID PFSHOW =n. Tables also know SORT, LOCATE, FIND, RESET and REFRESH."
    ),
    m!(
        "ICL622E",
        "Invalid scroll amount",
        "Scroll amount &VALUE is invalid: PAGE HALF CSR DATA MAX or a number",
        "The scroll field and UP/DOWN take PAGE (P), HALF (H), CSR (C), DATA (D), MAX (M) or a number of lines up to 9999."
    ),
    m!(
        "ICL623I",
        "Not available yet",
        "&WHAT is not available yet in this version of imsclone",
        "The function is planned and does nothing yet in this version."
    ),
    m!(
        "ICL624E",
        "Invalid jump",
        "Jump &VALUE is not valid from here",
        "A jump is = followed by a primary menu option, optionally with sub-options: =3, =3.4, =X."
    ),
    m!(
        "ICL625E",
        "Invalid line command",
        "Line command &VALUE is not valid here; valid: &VALID",
        "Type one of the line commands listed on the panel in the Cmd column, or / for a list of actions."
    ),
    m!(
        "ICL626I",
        "No help available",
        "There is no help for panel &PANEL",
        "This panel has no tutorial panel yet."
    ),
    m!(
        "ICL627I",
        "Nothing to retrieve",
        "No commands have been entered yet",
        "RETRIEVE brings back commands entered on the command line, newest first."
    ),
    m!(
        "ICL628E",
        "No previous FIND",
        "RFIND needs a FIND first",
        "RFIND (F5) repeats the last FIND; enter FIND string first."
    ),
    m!(
        "ICL629I",
        "Chars found",
        "Chars '&STRING' found in &WHERE",
        "FIND moved the display to the next occurrence. RFIND (F5) finds the next one."
    ),
    m!(
        "ICL630I",
        "Chars not found",
        "Chars '&STRING' not found",
        "No row or line holds the string. FIND searches case-insensitively; quote strings with blanks: FIND 'A B'."
    ),
    m!(
        "ICL631I",
        "Bottom of data reached",
        "Chars '&STRING' not found below; RFIND continues from the top",
        "The search reached the end of the data. Press RFIND (F5) again to continue from the top."
    ),
    m!(
        "ICL632E",
        "Invalid SORT field",
        "SORT field &VALUE is not a column of this list; columns: &VALID",
        "SORT takes a column name and optionally A (ascending) or D (descending): SORT VOLSER D."
    ),
    m!(
        "ICL633E",
        "LOCATE needs a value",
        "Enter LOCATE followed by a value (or a line number in browse)",
        "LOCATE scrolls to the first row whose sort column is at least the value, or in browse to a line number."
    ),
    m!(
        "ICL634E",
        "Stacked command invalid",
        "Nothing may follow &VALUE in a stacked command",
        "HELP and RETRIEVE cannot be followed by other commands after the command delimiter ';'."
    ),
    m!(
        "ICL636E",
        "FIND needs a string",
        "Enter FIND followed by a string: FIND IMSP or FIND 'two words'",
        "FIND searches the rows or lines for a string."
    ),
    m!(
        "ICL637E",
        "Invalid line number",
        "Line &VALUE is not a line of this data",
        "LOCATE in browse takes a line number between 1 and the number of lines."
    ),
    m!(
        "ICL641I",
        "No data sets",
        "No data sets match &MASK",
        "No data set on the online volumes matches the mask; check the mask or the volume serial."
    ),
    m!(
        "ICL642E",
        "Not browsable",
        "&DSN has DSORG &DSORG; only PS and PO data sets can be browsed",
        "Browse reads physical sequential data sets and members of partitioned data sets."
    ),
    m!(
        "ICL644I",
        "Empty member list",
        "&DSN has no members",
        "The directory of the partitioned data set is empty."
    ),
    m!(
        "ICL645W",
        "Browse truncated",
        "Only the first &LINES lines of &DSN are shown",
        "Browse keeps at most this many lines in memory."
    ),
    m!(
        "ICL646I",
        "Theme switched",
        "Theme &NAME is in use",
        "The new colours apply to every panel; the choice is saved in the profile."
    ),
    m!(
        "ICL647I",
        "Settings saved",
        "Settings saved in the profile",
        "The settings apply now and in later sessions."
    ),
    m!(
        "ICL648E",
        "Invalid volume",
        "&VALUE is not a valid volume serial",
        "A volume serial is 1-6 characters: letters, digits, national characters."
    ),
    m!(
        "ICL649I",
        "List refreshed",
        "The list was read again from the farm",
        "REFRESH reads the current state of the farm."
    ),
    m!(
        "ICL650E",
        "Enter required field",
        "Field &FIELD is required; type a value",
        "The cursor is on the field that needs a value."
    ),
    m!(
        "ICL651E",
        "Enter a listed value",
        "&FIELD must be one of: &LIST",
        "The value must be one of the listed values."
    ),
    m!(
        "ICL652E",
        "Enter numeric value",
        "&FIELD must be numeric (digits 0-9)",
        "The field takes digits only."
    ),
    m!(
        "ICL653E",
        "Value out of range",
        "&FIELD must be a number from &LOW to &HIGH",
        "The value must lie in the range shown."
    ),
    m!(
        "ICL654E",
        "Invalid name",
        "&VALUE is not a valid name (1-8 of A-Z 0-9 # $ @, no digit first)",
        "Names of members, IMSIDs and similar follow the z/OS member name rules."
    ),
    m!(
        "ICL655E",
        "Invalid data set name",
        "&VALUE is not a valid data set name or mask: &WHY",
        "Data set names have qualifiers of 1-8 characters separated by periods, 44 characters at most. Masks may use * (one qualifier or part of one), ** (any number of qualifiers) and % (one character)."
    ),
    m!(
        "ICL656E",
        "Invalid length",
        "The length of &FIELD must be &OP &LEN",
        "The value is too long or too short."
    ),
    m!(
        "ICL657E",
        "Value not allowed",
        "&FIELD must not be one of: &LIST",
        "The value is one of the excluded values."
    ),
    m!(
        "ICL658E",
        "Enter alphabetic value",
        "&FIELD must be alphabetic (A-Z, # $ @)",
        "The field takes letters and national characters only."
    ),
    m!(
        "ICL659E",
        "Invalid format",
        "&FIELD must match the picture &PICT",
        "C any character, A a letter, N or 9 a digit, X a hexadecimal digit; other characters stand for themselves."
    ),
    m!(
        "ICL660W",
        "Terminal too small",
        "The terminal is &SIZE; imsclone needs at least 80x24",
        "ISPF panels are designed for a 24x80 screen at least. Enlarge the window."
    ),
    m!(
        "ICL661I",
        "Cursor not in a field",
        "The cursor is not in an input field",
        "Typing works only in input fields; Tab moves to the next one, Home to the first."
    ),
    m!(
        "ICL662E",
        "Terminal error",
        "&TEXT",
        "imsclone could not set up or use the terminal (raw mode, alternate screen). Run it in a terminal, or use the command line: imsclone list ..."
    ),
    m!(
        "ICL663S",
        "Ended abnormally",
        "imsclone ended abnormally: &TEXT",
        "An internal error stopped imsclone; the terminal was restored. The log file has details; please report it."
    ),
    m!("ICL665I", "Jobs", "&TEXT", "An event from a running job."),
    m!(
        "ICL670E",
        "Farm changed",
        "&TEXT",
        "Planned again under the farm lock, the job (clone, refresh or skeleton) is no longer the one reviewed: another job or a farm command changed the farm in between. Nothing was written. Press Enter on the profile to plan and review again."
    ),
    m!(
        "ICL671E",
        "Plan has errors",
        "The plan of &NAME has errors (RC=&RC): fix them before RUN",
        "Findings of severity E or S stop execution. Option 1 of the review lists them; F1 on one explains it. Change the profile and simulate again."
    ),
    m!(
        "ICL672W",
        "Simulate only",
        "SIMULATE is Y in the profile: the plan is reviewed, not run",
        "Set Simulate only to N in the clone or refresh profile to be able to RUN the plan."
    ),
    m!(
        "ICL673I",
        "Job ended",
        "&TEXT",
        "A job of this session ended; its return code and state follow. Option 8 (Jobs) lists it; S there shows its report."
    ),
    m!(
        "ICL674I",
        "Cancel requested",
        "The job stops before its next step; RERUN resumes it later",
        "The running step ends first, so nothing is left half done. The job's journal is kept: option 8 offers RERUN (resume) and ROLLBACK (undo)."
    ),
    m!(
        "ICL675E",
        "No job to cancel",
        "This job is not running: there is nothing to cancel",
        "STOP and Ctrl+C (PA1) cancel a running job. The job has ended or has not started."
    ),
    m!(
        "ICL676S",
        "Job worker ended",
        "&TEXT",
        "The thread that ran the job ended unexpectedly. The job's journal says how far it got: option 8 offers RERUN and ROLLBACK. The log file has details; please report it."
    ),
    m!(
        "ICL677E",
        "Not possible now",
        "Job &ID is &STATE: that line command does not apply",
        "R (RERUN) needs a killed, failed or cancelled job; U (ROLLBACK) needs a job that ran and was not rolled back yet."
    ),
    m!(
        "ICL678I",
        "Profile saved",
        "Profile &NAME saved in &PATH",
        "The profile is a job file: imsclone run FILE runs it from the command line as well."
    ),
    m!(
        "ICL679E",
        "File error",
        "&TEXT",
        "A profile file could not be read, written or deleted; the operating system's reason follows."
    ),
    m!(
        "ICL680E",
        "File name missing",
        "Enter LOAD followed by the path of a job file",
        "LOAD reads a job file from any folder, for example LOAD sample-systems/default/jobs/system-clone.toml."
    ),
    m!(
        "ICL681I",
        "Profile loaded",
        "Profile read from &PATH",
        "The fields show the job file. F3 saves it in the config directory under its job name."
    ),
    m!(
        "ICL682I",
        "Profile deleted",
        "Profile &NAME deleted",
        "The job file was removed from the config directory. Jobs already run keep their own copy of the plan."
    ),
    m!(
        "ICL683W",
        "No config directory",
        "Profiles need a config directory: set IMSCLONE_CONFIG",
        "Without a config directory profiles cannot be saved or listed; LOAD, NEW and running still work. Set IMSCLONE_CONFIG or HOME."
    ),
    m!(
        "ICL685E",
        "Invalid value",
        "&TEXT",
        "The field or line holds a value the job file cannot take; the message says which and why."
    ),
    m!(
        "ICL687W",
        "Lines in error",
        "&N lines have errors; the first is line &LINE",
        "Lines in error show with error emphasis and their message ID at the end. Move the cursor to one to see its message; F1 explains it."
    ),
    m!(
        "ICL689E",
        "No databases",
        "&TEXT",
        "A refresh needs at least one database: type S in the Databases field and pick them from the source system's list."
    ),
    m!(
        "ICL691W",
        "Jobs did not end",
        "&N jobs did not end: R reruns one, U rolls it back",
        "A killed, failed or cancelled run left its targets half done. RERUN resumes it from its journal; ROLLBACK starts the databases it left stopped and puts the targets, the catalogs, farm.toml and the IMS states back."
    ),
    m!(
        "ICL692W",
        "Job still running",
        "A job is running; leaving stops it (RERUN resumes it). Leave again",
        "imsclone runs jobs inside its own process: leaving ends the job before its next step is journaled. Its journal is kept, so option 8 (or imsclone rerun ID) resumes it later. Leave again to confirm, or wait for the job."
    ),
    m!(
        "ICL693E",
        "Job is running",
        "Job &ID is running; wait for it to end",
        "One job at a time may change the farm. RERUN and ROLLBACK are possible once the job has ended."
    ),
    m!(
        "ICL694E",
        "Wrong profile type",
        "The file is a &TYPE job; open it from its own option",
        "Clone profiles (system-clone and skeleton-clone job files) are option 6, refresh profiles (db-refresh) option 7."
    ),
    m!(
        "ICL695I",
        "Nothing to show",
        "The plan has no &WHAT",
        "The list is empty for this plan."
    ),
    m!(
        "ICL696E",
        "Lines in error",
        "Fix the &N lines marked (first: line &LINE), or CANCEL",
        "END keeps the lines only when they are all valid. F12 (CANCEL) leaves the editor and forgets the changes."
    ),
    m!(
        "ICL697E",
        "Storage group needed",
        "&TEXT",
        "A skeleton clone copies the source system's data sets one by one onto the online volumes of a target storage group, wherever they fit: type its name in Storage grp. The source volume fields are not used by a skeleton."
    ),
    m!(
        "ICL698I",
        "Waiting for the farm",
        "&TEXT",
        "Another run holds the farm lock (another job of this session, or an imsclone run; the lock file names its process). The job queues, as a z/OS job waits for its data sets, and starts when the lock is free; its state is WAITING. STOP cancels it with nothing done."
    ),
    m!(
        "ICL699W",
        "Cancelled while waiting",
        "&TEXT",
        "STOP ended a job that was waiting for the farm lock: nothing was planned or written, there is no job folder (RC 8, state CANCELLED)."
    ),
    m!(
        "ICL666E",
        "Load failed",
        "&TEXT",
        "Reading the farm for this panel failed; the message of the lower layer follows."
    ),
];

/// Find a catalog entry.
pub fn find(id: &str) -> Option<&'static MsgDef> {
    CATALOG.iter().find(|m| m.id.eq_ignore_ascii_case(id))
}

/// `ICLnnnX` and the general ISPF form: 1-5 letters, 3 digits, optional letter.
pub fn valid_id(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if !(1..=5).contains(&letters) || b.len() < letters + 3 {
        return false;
    }
    let digits = &b[letters..letters + 3];
    let rest = &b[letters + 3..];
    digits.iter().all(u8::is_ascii_digit) && rest.len() <= 1 && rest.iter().all(u8::is_ascii_alphabetic)
}

/// A message as displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    pub short: String,
    pub long: String,
    pub help: String,
}

impl Message {
    /// A catalog message with its `&NAME` values (unknown names come from `get`).
    pub fn new(id: &str, subs: &[(&str, &str)], get: &dyn Fn(&str) -> String) -> Message {
        let look = |n: &str| -> String {
            subs.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(n))
                .map(|(_, v)| v.to_string())
                .unwrap_or_else(|| get(n))
        };
        match find(id) {
            Some(d) => Message {
                id: d.id.to_string(),
                short: super::vars::substitute(d.short, &look),
                long: super::vars::substitute(d.long, &look),
                help: d.help.to_string(),
            },
            None => Message {
                id: id.to_string(),
                short: "Message not found".into(),
                long: format!("Message {id} is not in the imsclone message catalog"),
                help: "A panel names a message ID that imsclone does not define.".into(),
            },
        }
    }

    /// A catalog message with only explicit values.
    pub fn of(id: &str, subs: &[(&str, &str)]) -> Message {
        Message::new(id, subs, &|_| String::new())
    }

    /// An error of any layer, shown with its own ID.
    pub fn from_error(e: &crate::IclError) -> Message {
        if let Some(d) = find(e.id) {
            // Our own IDs keep their short text and explanation.
            return Message {
                id: d.id.to_string(),
                short: d.short.to_string(),
                long: e.text.clone(),
                help: d.help.to_string(),
            };
        }
        let short = match e.severity() {
            Severity::I => "Information",
            Severity::W => "Warning",
            Severity::E => "Error",
            Severity::S => "Severe error",
        };
        Message {
            id: e.id.to_string(),
            short: short.into(),
            long: e.text.clone(),
            help: match crate::engine::help::help_for(e.id) {
                "" => "This message is not explained in docs/messages.md yet.".into(),
                h => h.to_string(),
            },
        }
    }

    pub fn severity(&self) -> Severity {
        Severity::of_id(&self.id)
    }

    /// The long message line: ID and text.
    pub fn line(&self) -> String {
        format!("{} {}", self.id, self.long)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_ids_valid_unique_in_range() {
        let mut seen = std::collections::HashSet::new();
        for m in CATALOG {
            assert!(valid_id(m.id), "{}", m.id);
            assert!(seen.insert(m.id), "duplicate {}", m.id);
            let n: u32 = m.id[3..6].parse().unwrap();
            assert!((600..=699).contains(&n), "{}", m.id);
            assert!(m.short.len() <= 24, "short message of {} is over 24 characters", m.id);
            // With its ID a long message fits the 80-column message line,
            // unless the values put in make it longer (then it pops up).
            assert!(m.long.len() <= 70, "long message of {} is over 70 characters", m.id);
        }
    }

    #[test]
    fn substitution_from_subs_then_vars() {
        let m = Message::new("ICL651E", &[("LIST", "Y, N")], &|n| {
            if n == "FIELD" { "REPL".into() } else { String::new() }
        });
        assert_eq!(m.long, "REPL must be one of: Y, N");
        assert_eq!(Message::of("XYZ999E", &[]).short, "Message not found");
    }

    /// Every ICL6xx ID written in the tui code and the panels is in the
    /// catalog, and every catalog message is explained in docs/messages.md.
    #[test]
    fn catalog_code_and_docs_agree() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("src/tui"), root.join("panels")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else {
                    files.push(p);
                }
            }
        }
        let mut used = std::collections::BTreeSet::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            let b = text.as_bytes();
            for i in 0..b.len().saturating_sub(7) {
                if &b[i..i + 4] == b"ICL6"
                    && b[i + 4].is_ascii_digit()
                    && b[i + 5].is_ascii_digit()
                    && b[i + 6].is_ascii_uppercase()
                {
                    used.insert((text[i..i + 7].to_string(), f.display().to_string()));
                }
            }
        }
        let missing: Vec<_> = used.iter().filter(|(id, _)| find(id).is_none()).collect();
        assert!(missing.is_empty(), "IDs not in the catalog: {missing:?}");
        let doc = std::fs::read_to_string(root.join("docs/messages.md")).unwrap_or_default();
        let undocumented: Vec<&str> = CATALOG
            .iter()
            .map(|m| m.id)
            .filter(|id| !doc.contains(&format!("| {id} |")))
            .collect();
        assert!(undocumented.is_empty(), "IDs not in docs/messages.md: {undocumented:?}");
    }

    #[test]
    fn ids() {
        assert!(valid_id("ICL650E") && valid_id("DFS123") && valid_id("ISRZ001"));
        assert!(!valid_id("ICL65E") && !valid_id("650E") && !valid_id("ICL650EE"));
    }
}
