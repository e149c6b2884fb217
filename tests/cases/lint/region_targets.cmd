lint {dab}
check {dab}
