// Loads every instruction module so that each registers its execution routines.
import './arith';
import './branch';
import './move';
import './control-misc';
