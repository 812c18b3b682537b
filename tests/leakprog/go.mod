module gostacks/tests/leakprog

go 1.26
