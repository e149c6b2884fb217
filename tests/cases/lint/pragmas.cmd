lint {dab}
lint {dab} --lang en
lint --list
lint --list --lang en
lint tests/cases/lint/no-such-file.dab
