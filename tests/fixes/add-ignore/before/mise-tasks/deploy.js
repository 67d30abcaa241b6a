#!/usr/bin/env node
//MISE depends=["nothing-here"]
console.log("deploy");
