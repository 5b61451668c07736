/* Source previews (CONTRACTS.md): hover, focus or tap a.cite-ref shows .cite-preview; Escape closes. A first tap previews, a second jumps; without JS the link just jumps to #source-<id>. */
(d=>{let t=d.createElement("div"),c,p,q,o=(n,f)=>d.addEventListener(n,e=>f(e,e.target.closest?.("a.cite-ref"))),
h=()=>{c&&c.removeAttribute("aria-describedby");t.hidden=1;c=0},
s=a=>{let l=d.getElementById(a.hash.slice(1)),x,b;if(!l||c==a)return;h();x=l.cloneNode(1);
x.querySelector(".backlinks")?.remove();t.replaceChildren(...x.childNodes);t.hidden=0;c=a;
a.setAttribute("aria-describedby",t.id);b=a.getBoundingClientRect();
t.style.left=scrollX+Math.max(8,Math.min(b.left,innerWidth-t.offsetWidth-8))+"px";t.style.top=scrollY+b.bottom+"px"};
t.className=t.id="cite-preview";t.setAttribute("role","tooltip");t.hidden=1;d.body.append(t);
o("mouseover",(e,a)=>a?s(a):t.contains(e.target)||c==d.activeElement||h());
o("focusin",(e,a)=>a?s(a):h());
o("pointerdown",(e,a)=>{p=e.pointerType!="mouse";q=a&&c==a;a||t.contains(e.target)||h()});
o("click",(e,a)=>{a&&p&&!q&&(e.preventDefault(),s(a));p=0});
o("keydown",e=>e.key=="Escape"&&h())})(document)
