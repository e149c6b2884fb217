fmt {dab}
fmt {dab} --keywords en
fmt {dab} --keywords zh --punctuation ascii
fmt {dab} --keywords en --punctuation full
fmt {dab} --keywords fr --lang en
fmt {dab} --punctuation half
