import sys
name = "qikepu"
print("Initial reference count:", sys.getrefcount(name))
other_name = "qikepu"
print("Reference count after assignment:", sys.getrefcount(name))
string_sum = name + ' Python'
print("Reference count after concatenation:", sys.getrefcount(name))
list_of_names = [name, name, name]
print("Reference count after creating a list with 'name' 3 times:", sys.getrefcount(name))
del other_name
print("Reference count after deleting 'other_name':", sys.getrefcount(name))
del list_of_names
print("Reference count after deleting the list:", sys.getrefcount(name))
