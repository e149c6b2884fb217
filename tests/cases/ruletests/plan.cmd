test tests/cases/ruletests/pass.test.json
test tests/cases/ruletests/pass.test.json --lang en
test tests/cases/ruletests/fail.test.json
test tests/cases/ruletests/fail.test.json --lang en
test tests/cases/ruletests/bad.test.json --lang en
test tests/cases/ruletests/broken.test.json
test tests/cases/ruletests/no-such.test.json
test tests/cases/ruletests
