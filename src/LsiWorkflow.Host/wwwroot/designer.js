// Downloads for the designer: a text file as is, or an SVG drawn onto a canvas and saved as PNG.
export function downloadText(fileName, mimeType, text) {
    save(fileName, URL.createObjectURL(new Blob([text], { type: mimeType })));
}

export function downloadPng(fileName, svgText) {
    return new Promise((resolve, reject) => {
        const image = new Image();
        image.onload = () => {
            const canvas = document.createElement('canvas');
            canvas.width = image.naturalWidth;
            canvas.height = image.naturalHeight;
            canvas.getContext('2d').drawImage(image, 0, 0);
            canvas.toBlob(blob => { save(fileName, URL.createObjectURL(blob)); resolve(); }, 'image/png');
        };
        image.onerror = () => reject(new Error('The diagram could not be drawn as an image.'));
        image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgText);
    });
}

function save(fileName, url) {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}
