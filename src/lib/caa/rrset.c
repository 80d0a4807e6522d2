/* placeholder until implemented */
typedef int caa__placeholder_rrset;
