check {dab}
check {dab} --lang en
check {dab} --format json --lang en
