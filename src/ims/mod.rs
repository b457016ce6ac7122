//! IMS artefacts: models and parsers for DBD source, JCL and PROCLIB members,
//! DFSPBxxx, DFSMDA source, RECON data sets, DBRC commands and database data
//! sets. Knows nothing of terminals; reads bytes that `dasd` hands it.

// Source parsers (assembler-format and JCL text).
pub mod asm;
pub mod dbd;
pub mod dfspb;
pub mod jcl;
pub mod mda;
pub mod psb;
pub mod text;

// DBRC world: RECON records, DBRC commands, database data set contents.
pub mod dbdata;
pub mod dbrc;
pub mod discovery;
pub mod recon;

// The simulated IMS: database status, operator commands, a workload.
pub mod sim;
