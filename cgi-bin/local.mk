# The screen programs: one FastCGI program per screen.
