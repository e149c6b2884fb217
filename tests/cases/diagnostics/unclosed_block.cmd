check {dab}
check {dab} --lang en
