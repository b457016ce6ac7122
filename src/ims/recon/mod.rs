pub struct Recon;
