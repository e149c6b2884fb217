check {dab} --lang en
