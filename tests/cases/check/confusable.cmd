check {dab} --lang en
check {dab}
