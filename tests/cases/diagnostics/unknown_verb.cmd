check {dab}
check {dab} --lang zh
