check {dab} --format sarif --lang en
