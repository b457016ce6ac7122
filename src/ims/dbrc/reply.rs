//! DBRC's replies: DSPnnnnx lines and condition codes.
//!
//! DSP0180I, DSP0203I, DSP0209I, DSP0211I and DSP0220I are real DBRC
//! message numbers with their real texts. The DSPnnnnE error numbers below
//! are approximations (IBM's numbers for these cases are not public in our
//! sources); each error reply is followed by the ICL message that explains it.

use crate::msg::IclError;

/// The DBRC message for an ICL error of the processor.
pub fn dsp_for(e: &IclError) -> &'static str {
    match e.id {
        "ICL375E" => "DSP0012E COMMAND SYNTAX ERROR",
        "ICL376E" => "DSP0011E INVALID COMMAND VERB OR MODIFIER",
        "ICL378E" => "DSP0028E REQUIRED KEYWORD MISSING",
        "ICL379E" => "DSP0031E CONFLICTING OR DUPLICATE KEYWORDS",
        "ICL360E" | "ICL362E" | "ICL380E" => "DSP0144E RECORD ALREADY EXISTS IN RECON",
        "ICL361E" | "ICL363E" | "ICL366E" | "ICL381E" => "DSP0145E RECORD NOT FOUND IN RECON",
        "ICL364E" | "ICL382E" => "DSP0150E COMMAND NOT VALID FOR THIS DATA BASE TYPE",
        "ICL365E" | "ICL383E" => "DSP0151E RECON LIMIT EXCEEDED",
        "ICL384E" => "DSP0153E DBD NOT FOUND IN DBDLIB",
        "ICL385E" => "DSP0154E RECORD IN USE, COMMAND REJECTED",
        "ICL387E" => "DSP0152E RECON NOT INITIALIZED OR ALREADY INITIALIZED",
        _ => "DSP0029E INVALID KEYWORD OR VALUE",
    }
}

/// Result of one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// `VERB.MODIFIER`, or "?" when the command could not be parsed.
    pub command: String,
    /// Record number of the command in the input.
    pub line: usize,
    pub cc: u8,
    /// The ICL error of a failed command.
    pub error: Option<IclError>,
    /// Output lines (LIST output, messages) without the echo.
    pub output: Vec<String>,
}

/// Result of a whole command stream: SYSPRINT lines and the highest CC.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StreamReport {
    pub sysprint: Vec<String>,
    pub outcomes: Vec<Outcome>,
    pub highest_cc: u8,
    /// Processing stopped early (DSP0209I).
    pub terminated: bool,
}

impl StreamReport {
    pub fn text(&self) -> String {
        let mut s = self.sysprint.join("\n");
        s.push('\n');
        s
    }
}
