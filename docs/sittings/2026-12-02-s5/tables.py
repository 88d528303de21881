"""Session 5's tables: sitting 4's tables.py (docs/sittings/2026-12-02/) over this directory's CSVs.
python3 tables.py sconv|sconvtrain|spmm|slinear|spw"""
import os
here = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(here, '..', '2026-12-02', 'tables.py')
exec(compile(open(src).read(), src, 'exec'), {'__file__': os.path.join(here, 'tables.py'), '__name__': '__main__'})
