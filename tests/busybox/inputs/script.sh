# sourced by the sh-source case; builtins only
count=0
add() { count=$((count + $1)); }
for w in one two three four five; do add ${#w}; done
echo "letters=$count"
n=27; steps=0
while [ $n -ne 1 ]; do
  if [ $((n % 2)) -eq 0 ]; then n=$((n / 2)); else n=$((3 * n + 1)); fi
  steps=$((steps + 1))
done
echo "collatz27=$steps"
