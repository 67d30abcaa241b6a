# lint the code
#MISE description="Lint"
ruff check .
