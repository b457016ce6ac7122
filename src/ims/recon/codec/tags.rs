//! Field numbers per record type (the low 12 bits of a tag; the writer
//! method adds the kind bits). Never renumber: these are the on-disk format.
//! `docs/formats.md` lists them.

pub mod hdr {
    pub const SSID: u16 = 1;
    pub const DMB_COUNTER: u16 = 2;
    pub const FORCER: u16 = 3;
    pub const LOG_CHECK: u16 = 4;
    pub const STARTNEW: u16 = 5;
    pub const TAPE_UNIT: u16 = 6;
    pub const DASD_UNIT: u16 = 7;
    pub const MINVERS: u16 = 8;
    pub const CMDAUTH: u16 = 9;
    pub const CMDAUTH_HLQ: u16 = 10;
    pub const IMSPLEX: u16 = 11;
    pub const INIT_TOKEN: u16 = 12;
    /// group: DDN, STATUS, DSN
    pub const RECON_DS: u16 = 13;
    pub const RDS_DDN: u16 = 1;
    pub const RDS_STATUS: u16 = 2;
    pub const RDS_DSN: u16 = 3;
}

pub mod db {
    pub const KIND: u16 = 1;
    pub const DMB: u16 = 2;
    pub const SHARELVL: u16 = 3;
    pub const RECOVERABLE: u16 = 4;
    pub const BACKOUT_NEEDED: u16 = 5;
    pub const READ_ONLY: u16 = 6;
    pub const PROHIBIT_AUTH: u16 = 7;
    pub const USID: u16 = 8;
    /// group: SSID, INTENT, STATE
    pub const AUTH: u16 = 9;
    pub const AUTH_SSID: u16 = 1;
    pub const AUTH_INTENT: u16 = 2;
    pub const AUTH_STATE: u16 = 3;
    // HALDB master
    pub const PARTSEL: u16 = 20;
    pub const LAST_PART_ID: u16 = 21;
    pub const OLR_CAPABLE: u16 = 22;
    pub const OSAM8G: u16 = 23;
    pub const DSG_COUNT: u16 = 24;
    pub const HALDB_DBORG: u16 = 25;
    pub const HALDB_DSORG: u16 = 26;
    // partition
    pub const MASTER: u16 = 30;
    pub const PART_ID: u16 = 31;
    pub const DSN_PREFIX: u16 = 32;
    pub const KEY_STRING: u16 = 33;
    pub const KEY_HEX: u16 = 34;
    pub const BLOCK_SIZE: u16 = 35;
    pub const FBFF: u16 = 36;
    pub const FSPF: u16 = 37;
    pub const GENMAX: u16 = 38;
    pub const RECOVPD: u16 = 39;
    pub const REUSE: u16 = 40;
    pub const REORG: u16 = 41;
    pub const ACTIVE_SET: u16 = 42;
    pub const PINIT: u16 = 43;
    pub const PREV: u16 = 44;
    pub const NEXT: u16 = 45;
    pub const CHANGE_COUNT: u16 = 46;
}

pub mod dbds {
    pub const DSN: u16 = 1;
    pub const DSID: u16 = 2;
    pub const DBORG: u16 = 3;
    pub const DSORG: u16 = 4;
    pub const CAGRP: u16 = 5;
    pub const GENMAX: u16 = 6;
    pub const RECOVPD: u16 = 7;
    pub const REUSE: u16 = 8;
    pub const IC_NEEDED: u16 = 9;
    pub const IC_RECOMMENDED: u16 = 10;
    pub const RECOV_NEEDED: u16 = 11;
    pub const RECEIVE_NEEDED: u16 = 12;
    pub const DSSN: u16 = 13;
    pub const ICJCL: u16 = 14;
    pub const OICJCL: u16 = 15;
    pub const RECOVJCL: u16 = 16;
    pub const PREOPEN: u16 = 20;
    pub const VSO: u16 = 21;
}

pub mod ads {
    pub const ADSN: u16 = 1;
    pub const AVAIL: u16 = 2;
}

pub mod alloc {
    pub const DSSN: u16 = 1;
    pub const USID: u16 = 2;
    pub const LOG_START: u16 = 3;
    pub const DEALLOC: u16 = 4;
}

pub mod image {
    pub const KIND: u16 = 1;
    pub const USID: u16 = 2;
    pub const RECORD_COUNT: u16 = 3;
    /// groups: DSN, UNIT, FILESEQ, VOLSER*
    pub const IC1: u16 = 4;
    pub const IC2: u16 = 5;
    pub const IC_DSN: u16 = 1;
    pub const IC_UNIT: u16 = 2;
    pub const IC_FILESEQ: u16 = 3;
    pub const IC_VOLSER: u16 = 4;
}

pub mod reorg {
    pub const USID: u16 = 1;
    pub const ONLINE: u16 = 2;
}

pub mod recov {
    pub const END: u16 = 1;
}

pub mod cagrp {
    pub const GRPMAX: u16 = 1;
    pub const REUSE: u16 = 2;
    pub const CAJCL: u16 = 3;
    /// group: DBD, DDN
    pub const MEMBER: u16 = 4;
    pub const M_DBD: u16 = 1;
    pub const M_DDN: u16 = 2;
}

pub mod ca {
    pub const STOP: u16 = 1;
    pub const DSN: u16 = 2;
    pub const UNIT: u16 = 3;
    pub const FILESEQ: u16 = 4;
    pub const VOLSER: u16 = 5;
}

pub mod olds {
    /// group: DDN, DSN, STATUS, START, STOP
    pub const ENTRY: u16 = 1;
    pub const E_DDN: u16 = 1;
    pub const E_DSN: u16 = 2;
    pub const E_STATUS: u16 = 3;
    pub const E_START: u16 = 4;
    pub const E_STOP: u16 = 5;
}

pub mod log {
    pub const STOP: u16 = 1;
    pub const VERSION: u16 = 2;
    /// group: DSN, UNIT, VOLSER*, START, STOP
    pub const DSN_ENTRY: u16 = 3;
    pub const D_DSN: u16 = 1;
    pub const D_UNIT: u16 = 2;
    pub const D_VOLSER: u16 = 3;
    pub const D_START: u16 = 4;
    pub const D_STOP: u16 = 5;
}

pub mod ssys {
    pub const SSTYPE: u16 = 1;
    pub const IRLMID: u16 = 2;
    pub const ABNORMAL_TERM: u16 = 3;
    pub const RECOVERY_STARTED: u16 = 4;
    pub const LOG_START: u16 = 5;
    /// group: DBD, AREA, INTENT
    pub const AUTH: u16 = 6;
    pub const A_DBD: u16 = 1;
    pub const A_AREA: u16 = 2;
    pub const A_INTENT: u16 = 3;
}

pub mod bkout {
    /// group: TIME, PSB, DB*
    pub const UOR: u16 = 1;
    pub const U_TIME: u16 = 1;
    pub const U_PSB: u16 = 2;
    pub const U_DB: u16 = 3;
}
