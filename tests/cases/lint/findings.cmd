lint {dab}
lint {dab} --lang en
