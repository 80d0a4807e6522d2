/* placeholder until implemented */
typedef int caa__placeholder_rdata_wire;
