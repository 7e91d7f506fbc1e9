print("the program")
print("not the whole file")
