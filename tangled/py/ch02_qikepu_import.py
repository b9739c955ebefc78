import sys
sys.dont_write_bytecode = True         # leave no __pycache__ behind
import ch02_qikepu                     # the same program, imported
